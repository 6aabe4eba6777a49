import type Database from 'better-sqlite3';
import type { StreamHead, StreamName } from './event-store.port';
import type { KnownKeys } from './known-keys';
import { dataVersionOnceATurn } from './once-a-turn';
import { sqliteKnownStreams } from './sqlite-known-streams';
import { SqliteStreamHeads } from './sqlite-stream-heads';

/**
 * What the SQLite store knows of its streams without reading them: which may exist (a Bloom filter
 * of the log's stream names) and the last event of those it was asked about. Both forget or catch
 * up with what another connection committed, which SQLite's `PRAGMA data_version` (read once a turn
 * for both) reveals; this connection's commits are told (`committedTo`).
 */
export class SqliteStreamIndex {
  private readonly heads: SqliteStreamHeads;
  private readonly names: KnownKeys;

  constructor(db: Database.Database) {
    const othersCommitted = dataVersionOnceATurn(db);
    this.heads = new SqliteStreamHeads(db, othersCommitted);
    this.names = sqliteKnownStreams(db, othersCommitted);
  }

  /** False only when the log certainly holds no event of `stream`. */
  mayExist(stream: StreamName): boolean {
    return this.names.mayHold(stream);
  }

  head(stream: StreamName): StreamHead | null {
    return this.heads.of(stream);
  }

  /** This connection committed events to `stream`. */
  committedTo(stream: StreamName): void {
    this.heads.appendedTo(stream);
    this.names.written(stream);
  }

  /** An append found `stream` there (another process began it after a read took it for absent). */
  foundElsewhere(stream: StreamName): void {
    this.names.written(stream);
  }

  close(): void {
    this.names.close();
  }
}
