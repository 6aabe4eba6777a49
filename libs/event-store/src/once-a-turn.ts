import type Database from 'better-sqlite3';

/**
 * A value of the store read once in a turn of the event loop and shared by every reader in that
 * turn: the log's last position that the subscriptions cut their pages at (a service runs about
 * ten of them, woken by the same append), SQLite's data_version that tells the stream heads
 * whether another connection committed. A value read a few microseconds earlier in the same turn
 * is as current as one read now for another process's commits (they land at any moment, and a
 * later turn sees them); this process's own commits make it read again (`forget`), so a page
 * never misses an event committed here.
 */
export class OnceATurn<T> {
  private value: T | undefined = undefined;
  private read = false;
  private readonly expire = () => {
    this.forget();
  };

  constructor(private readonly readValue: () => T) {}

  current(): T {
    if (!this.read) {
      this.value = this.readValue();
      this.read = true;
      setImmediate(this.expire);
    }
    return this.value as T;
  }

  /** After this process's commit: the next reader reads the value again. */
  forget(): void {
    this.read = false;
    this.value = undefined;
  }
}

/** SQLite's `PRAGMA data_version` of a connection, read once a turn: it changes when another connection commits to the file. */
export function dataVersionOnceATurn(db: Database.Database): OnceATurn<number> {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  return new OnceATurn(() => dataVersion.get() as number);
}
