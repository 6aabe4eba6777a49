import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SqliteEventLog } from '../sqlite-event-log';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../sqlite-event-store';
import { newStream } from './event-store-fixtures.contract';

/** Opens SQLite stores for one test and closes them all after it; call inside a describe. */
export function useSqliteStores(): (file: string, options?: SqliteEventStoreOptions) => SqliteEventStore {
  const opened: SqliteEventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return (file, options) => {
    const store = new SqliteEventStore(file, options);
    opened.push(store);
    return store;
  };
}

/** Until the store's filter has read the log's names (a thread reads them from the first read of a stream on). */
export async function knownStreamsFilled(store: SqliteEventStore): Promise<void> {
  const reads = jest.spyOn(SqliteEventLog.prototype, 'readStream');
  try {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(10)) {
      reads.mockClear();
      await store.readStreamOrEmpty(newStream());
      if (reads.mock.calls.length === 0) return;
    }
    throw new Error('the store still reads new streams from the file after 10 s');
  } finally {
    reads.mockRestore();
  }
}

/**
 * Inserts one event at revision 0 in each of `streams` through a connection of its own (another
 * process, as far as a store knows), in one transaction; its id `eventIdOf(stream, index)`.
 */
export function insertByHand(
  file: string,
  streams: readonly string[],
  eventIdOf = (stream: string, index: number) => `by-hand-${stream}-${index}`,
): void {
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO events (stream_name, revision, event_id, type, data, metadata, recorded_at)
     VALUES (?, 0, ?, 'Counted', '{}', '{}', '2026-12-06T00:00:00.000Z')`,
  );
  db.transaction(() => streams.forEach((stream, index) => insert.run(stream, eventIdOf(stream, index))))();
  db.close();
}
