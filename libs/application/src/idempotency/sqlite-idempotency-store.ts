import Database from 'better-sqlite3';
import {
  BACKSTOP_CHECKPOINT_PAGES,
  KnownKeys,
  dataVersionOnceATurn,
  SqliteGroupCommit,
  WalCheckpointer,
  toStoreUnavailable,
  type KeyTable,
} from '@app/event-store';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.port';

type Row = {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  headers: string;
  created_at: string;
};

/** The idempotency records' page cache by default, in MB. */
export const IDEMPOTENCY_CACHE_MB = 2;

/** WAL size past which the records' checkpoints move to a thread: SQLite's own, every 1,000 pages, ran inside a COMMIT on the event loop. */
export const IDEMPOTENCY_CHECKPOINT_THREAD_AFTER_WAL_BYTES = 2 * 1024 * 1024;
/** How often that thread checkpoints (each checkpoint ends with an fsync of the file; the event log's interval). */
const IDEMPOTENCY_CHECKPOINT_INTERVAL_MS = 2000;
/** SQLite's default `wal_autocheckpoint`, which the connection keeps until the thread takes over or if it fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Idempotency records in their own SQLite file (they must outlive read-model rebuilds).
 * `synchronous=NORMAL` is enough: if a record is lost on power failure, the retried command
 * still finds its own command id in the stream and appends nothing. The records saved in one turn
 * of the event loop share one transaction (one write to the WAL instead of one per response);
 * until it commits, `find` answers from the records waiting for it.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly insert: Database.Statement<Row>;
  private readonly writes: SqliteGroupCommit<void>;
  /** Checkpoints off the event loop once the WAL has grown (each record holds its answer: about a page). */
  private readonly checkpoints: WalCheckpointer | null;
  /** Saved but not yet committed, by scope and key. */
  private readonly waiting = new Map<string, IdempotencyRecord>();
  /** Which scopes and keys may have a record: a request with a new key is looked up without the file. */
  private readonly knownKeys: KnownKeys;

  /**
   * `cacheMb`: SQLite's page cache (IDEMPOTENCY_CACHE_MB). better-sqlite3's 16 MB a connection
   * fills under load with the pages of the records just written (each holds its answer's body),
   * which a retry reads back only within moments; a lookup needs the key index's inner pages.
   */
  constructor(file: string, cacheMb = IDEMPOTENCY_CACHE_MB) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma(`cache_size = -${cacheMb * 1024}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_records (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
      body TEXT NOT NULL, headers TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (scope, key))`);
    this.select = this.db.prepare('SELECT * FROM idempotency_records WHERE scope = ? AND key = ?');
    this.insert = this.db.prepare(`INSERT OR IGNORE INTO idempotency_records
      VALUES (@scope, @key, @request_hash, @status, @body, @headers, @created_at)`);
    this.writes = new SqliteGroupCommit(this.db);
    this.knownKeys = new KnownKeys(recordKeys(this.db));
    this.checkpoints = this.db.memory
      ? null
      : new WalCheckpointer(
          file,
          5000,
          (toThread) =>
            this.db.pragma(
              `wal_autocheckpoint = ${toThread ? BACKSTOP_CHECKPOINT_PAGES : SQLITE_AUTOCHECKPOINT_PAGES}`,
            ),
          IDEMPOTENCY_CHECKPOINT_INTERVAL_MS,
        );
    this.checkpoints?.watch(`${file}-wal`, IDEMPOTENCY_CHECKPOINT_THREAD_AFTER_WAL_BYTES);
    this.checkpoints?.useQuietWindow((checkpoint) => this.writes.whileQuiet(checkpoint));
  }

  /** Synchronous, as SQLite reads are (a throw is a store fault, as a rejection was). */
  find(scope: string, key: string): IdempotencyRecord | null {
    const recordKey = waitingKey(scope, key);
    const waiting = this.waiting.get(recordKey);
    if (waiting) return waiting;
    if (!this.attempt(() => this.knownKeys.mayHold(recordKey))) return null;
    const row = this.attempt(() => this.select.get(scope, key));
    if (!row) return null;
    return {
      scope: row.scope,
      key: row.key,
      requestHash: row.request_hash,
      status: row.status,
      body: JSON.parse(row.body) as unknown,
      headers: JSON.parse(row.headers) as Record<string, string>,
      createdAt: row.created_at,
    };
  }

  /** A full, read-only or locked file answers 503 with Retry-After: the command itself is already stored, and its retry replays it. */
  async save(record: IdempotencyRecord): Promise<void> {
    const row: Row = {
      scope: record.scope,
      key: record.key,
      request_hash: record.requestHash,
      status: record.status,
      body: record.bodyJson ?? JSON.stringify(record.body ?? null),
      headers: JSON.stringify(record.headers),
      created_at: record.createdAt,
    };
    const waitingAs = waitingKey(record.scope, record.key);
    if (!this.waiting.has(waitingAs)) this.waiting.set(waitingAs, record);
    this.knownKeys.written(waitingAs);
    try {
      await this.writes.submit(() => void this.insert.run(row));
    } catch (error) {
      throw toStoreUnavailable(error, 'the idempotency record store');
    } finally {
      if (this.waiting.get(waitingAs) === record) this.waiting.delete(waitingAs);
    }
  }

  private attempt<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      throw toStoreUnavailable(error, 'the idempotency record store');
    }
  }

  async close(): Promise<void> {
    this.knownKeys.close();
    this.writes.drain();
    await this.checkpoints?.close();
    this.db.close();
  }
}

const waitingKey = (scope: string, key: string): string => `${scope}\n${key}`;

/** The records' keys as KnownKeys reads them: by the primary key's index, and by rowid (records are never deleted). */
function recordKeys(db: Database.Database): KeyTable {
  const afterRowid = db
    .prepare<[number, number], [string, string, number]>(
      'SELECT scope, key, rowid FROM idempotency_records WHERE rowid > ? ORDER BY rowid LIMIT ?',
    )
    .raw();
  const lastRowid = db.prepare<[], number | null>('SELECT MAX(rowid) FROM idempotency_records').pluck();
  return {
    file: db.memory ? null : db.name,
    // The same text as `waitingKey`: scope, a line feed, key.
    keysSql: 'SELECT scope || char(10) || key FROM idempotency_records ORDER BY scope, key',
    dataVersion: dataVersionOnceATurn(db),
    lastRowid: () => lastRowid.get() ?? 0,
    keysAfterRowid: (rowid, limit) =>
      afterRowid.all(rowid, limit).map(([scope, key, id]) => [waitingKey(scope, key), id]),
  };
}
