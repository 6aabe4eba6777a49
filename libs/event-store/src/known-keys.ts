import { Worker } from 'node:worker_threads';
import { BloomFilter } from './bloom-filter';
import { FILL_THREAD_SOURCE } from './known-keys-fill.source';
import type { OnceATurn } from './once-a-turn';
import { transpilerFor } from './worker-transpiler';

/** Rows of other connections read per turn while the filter catches up with them. */
const CATCH_UP_PAGE = 2000;
/** The fill thread's wait for another process's write lock (it only reads: a checkpoint's). */
const FILL_BUSY_TIMEOUT_MS = 5000;
const BLOOM_MODULE = require.resolve('./bloom-filter');

/** A SQLite table of keys written in rowid order and never deleted, as `KnownKeys` reads it. */
export type KeyTable = Readonly<{
  /** The database's file, where a thread reads every key; null for a database in memory (no filter). */
  file: string | null;
  /** One column, every key (duplicates allowed), by an index that covers it. */
  keysSql: string;
  /** The connection's `dataVersionOnceATurn`. */
  dataVersion: OnceATurn<number>;
  /** The last rowid written, 0 for an empty table. */
  lastRowid(): number;
  /** Up to `limit` keys of the rows past `rowid`, with their rowids, in rowid order. */
  keysAfterRowid(rowid: number, limit: number): readonly (readonly [key: string, rowid: number])[];
}>;

/** `off`: closed, or the file failed while the filter read it; every lookup goes to the file. */
type State = 'empty' | 'filling' | 'ready' | 'off';

/**
 * Which keys a SQLite table may hold, for its owner to answer a lookup of a new key without asking
 * the file: a Bloom filter of every key in the table. "Absent" is certain; "may hold" sends the
 * lookup to the file as before. Under load, such a lookup of a random key missed SQLite's page
 * cache and took its WAL read lock: ~30–40 µs of the event loop (profiles, 2026-12-06).
 *
 * The filter holds:
 * - the table's keys, read once by a thread from the first lookup on (an owner that never looks a
 *   key up never starts it); until it is done every lookup goes to the file (on a 1M-event log,
 *   ~200,000 stream names: ~0.5 s, which on the event loop lengthened the service's first start);
 * - every key its owner writes (`written`);
 * - every key another connection wrote, read by rowid (a page a turn, lookups going to the file
 *   meanwhile) once the data_version shows such a commit: other processes writing to the file stay
 *   correct. A commit of another process within the turn of a lookup may be missed by it, as by a
 *   lookup a moment earlier.
 */
export class KnownKeys {
  private readonly filter = new BloomFilter();
  private state: State = 'empty';
  private filling: Worker | null = null;
  /** Every key of a row at or below this rowid is in the filter (once ready). */
  private synced = 0;
  private seenVersion = 0;
  /** Another connection committed past `synced`: lookups go to the file until the filter has read it. */
  private behind = false;

  constructor(private readonly table: KeyTable) {}

  /** False only when the table certainly holds no row with `key`. */
  mayHold(key: string): boolean {
    if (this.state !== 'ready') {
      if (this.state === 'empty') this.fill();
      return true;
    }
    const version = this.table.dataVersion.current();
    if (version !== this.seenVersion) {
      this.seenVersion = version;
      if (!this.behind) this.catchUp();
    }
    return this.behind || this.filter.mayHold(key);
  }

  /** The owner wrote a row with `key`, or found one there (before its commit is fine: at worst a lookup goes to the file). */
  written(key: string): void {
    this.filter.add(key);
  }

  /** Stops reading (the connection is closing). */
  close(): void {
    this.state = 'off';
    void this.filling?.terminate();
    this.filling = null;
  }

  /**
   * Has a thread read every key. The data_version and the last rowid are taken first, in that
   * order: any commit of another connection after that rowid shows as a change and is read by rowid
   * (the thread's snapshot, taken later, may hold some of it too).
   */
  private fill(): void {
    this.state = 'off';
    const file = this.table.file;
    if (file === null) return;
    const start = this.reading(() => ({ version: this.table.dataVersion.current(), upTo: this.table.lastRowid() }));
    if (start === undefined) return;
    this.state = 'filling';
    this.seenVersion = start.version;
    const thread = new Worker(FILL_THREAD_SOURCE, {
      eval: true,
      workerData: {
        register: transpilerFor(BLOOM_MODULE),
        driver: require.resolve('better-sqlite3'),
        bloomModule: BLOOM_MODULE,
        file,
        keysSql: this.table.keysSql,
        busyTimeoutMs: FILL_BUSY_TIMEOUT_MS,
      },
    });
    thread.unref();
    this.filling = thread;
    thread.once('message', (bits: ArrayBuffer) => {
      if (this.filling !== thread || this.state !== 'filling') return;
      this.filter.merge(new BloomFilter(new Uint32Array(bits)));
      this.synced = start.upTo;
      this.state = 'ready';
    });
    thread.once('exit', () => {
      if (this.filling !== thread) return;
      this.filling = null;
      // The thread failed (the file unreadable, say): lookups keep going to the file, which says why.
      if (this.state === 'filling') this.state = 'off';
    });
    thread.on('error', () => undefined);
  }

  /** Reads the rows past `synced` (the owner's among them), a page a turn, until none is left. */
  private catchUp(): void {
    this.behind = true;
    const page = () => {
      if (this.state !== 'ready') return;
      const rows = this.reading(() => this.table.keysAfterRowid(this.synced, CATCH_UP_PAGE));
      if (rows === undefined) return;
      for (const [key, rowid] of rows) {
        this.filter.add(key);
        this.synced = rowid;
      }
      if (rows.length === CATCH_UP_PAGE) setImmediate(page);
      else this.behind = false;
    };
    page();
  }

  /** A read of the filter's own; undefined when the file fails to answer (then every lookup goes to the file, which says why). */
  private reading<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      this.state = 'off';
      return undefined;
    }
  }
}
