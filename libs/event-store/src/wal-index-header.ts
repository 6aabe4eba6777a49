import { closeSync, openSync, readSync } from 'node:fs';

/** The first copy of SQLite's WAL-index header at the start of the `-shm` file (sqlite.org/walformat.html). */
const HEADER_BYTES = 48;
/** Its `isInit` byte: 0 until a connection has built the index. */
const IS_INIT_OFFSET = 12;

/** One descriptor per `-shm` file and process, shared by the stores that opened it: see `release`. */
const opened = new Map<string, { fd: number; users: number }>();

/**
 * Whether any connection of any process committed to a WAL-mode SQLite file, known without a read
 * transaction: SQLite rewrites the WAL-index header in the `-shm` file at every commit (its `iChange`
 * counter, `mxFrame`, checksums), so header bytes equal to the last ones read mean no commit since.
 * One `pread` of 48 bytes instead of a read transaction's two `fcntl` locks and a query.
 *
 * POSIX locks belong to a process and a file: closing any descriptor of the `-shm` file drops every
 * lock SQLite holds on it in this process (sqlite.org/howtocorrupt.html, 2.2). So the descriptor is
 * opened once per file and closed only when the last store using it is closed, after its connection.
 */
export class WalIndexHeader {
  private readonly read = Buffer.alloc(HEADER_BYTES);
  private readonly seen = Buffer.alloc(HEADER_BYTES);
  private released = false;

  private constructor(
    private readonly path: string,
    private readonly fd: number,
  ) {}

  /** The header of `databaseFile`'s WAL index; null when it has none to read (not in WAL mode, or no `-shm` file). */
  static open(databaseFile: string): WalIndexHeader | null {
    const path = `${databaseFile}-shm`;
    let entry = opened.get(path);
    if (entry === undefined) {
      try {
        entry = { fd: openSync(path, 'r'), users: 0 };
      } catch {
        return null;
      }
      opened.set(path, entry);
    }
    entry.users++;
    return new WalIndexHeader(path, entry.fd);
  }

  /**
   * True when the header differs from the one seen at the previous call (or cannot be read whole):
   * a commit happened since. False means nothing was committed since the previous call began.
   */
  changedSinceLastAsked(): boolean {
    const bytes = readSync(this.fd, this.read, 0, HEADER_BYTES, 0);
    if (bytes < HEADER_BYTES || this.read[IS_INIT_OFFSET] === 0) {
      this.seen.fill(0);
      return true;
    }
    if (this.read.equals(this.seen)) return false;
    this.read.copy(this.seen);
    return true;
  }

  /** Lets go of the descriptor: closed with the last store of the file (call it after closing the connection). */
  release(): void {
    if (this.released) return;
    this.released = true;
    const entry = opened.get(this.path);
    if (entry === undefined || --entry.users > 0) return;
    opened.delete(this.path);
    closeSync(entry.fd);
  }
}
