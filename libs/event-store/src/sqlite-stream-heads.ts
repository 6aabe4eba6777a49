import type Database from 'better-sqlite3';
import type { StreamHead, StreamName } from './event-store.port';
import type { OnceATurn } from './once-a-turn';

type HeadRow = [revision: number, eventId: string, hash: unknown];

/** How many streams' heads are remembered; the oldest remembered goes first. */
const REMEMBERED_HEADS = 10_000;

/**
 * `streamHead` of the SQLite store: the last row of a stream by the (stream, revision) index, and
 * only the three values it names; `metadata.hash` is read by SQLite (null when the metadata is not
 * valid JSON), so neither the event's data nor its metadata is copied or parsed in JavaScript.
 *
 * A head once read is remembered until something may have changed it: this connection's commit
 * to its stream (`appendedTo`), or any commit by another connection (another process, or a tool
 * editing the file), which SQLite's `PRAGMA data_version` reveals and which forgets them all. The
 * pragma is read once a turn of the event loop (it takes the WAL's read lock: half the cost of the
 * indexed read with its JSON extraction, which was a fifth of an as-of GET's event-loop time in a
 * profile of `bench/as-of-replay-latency.ts`, 2026-12-06).
 */
export class SqliteStreamHeads {
  private readonly statement: Database.Statement<[StreamName], HeadRow>;
  private readonly remembered = new Map<StreamName, StreamHead>();
  private seenVersion: number;

  constructor(
    db: Database.Database,
    /** SQLite's `PRAGMA data_version` of the connection, read once a turn. */
    private readonly dataVersion: OnceATurn<number>,
  ) {
    this.statement = db
      .prepare<[StreamName], HeadRow>(
        `SELECT revision, event_id,
                CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END
         FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1`,
      )
      .raw();
    this.seenVersion = this.dataVersion.current();
  }

  of(stream: StreamName): StreamHead | null {
    this.forgetIfOthersCommitted();
    const remembered = this.remembered.get(stream);
    if (remembered !== undefined) return remembered;
    const row = this.statement.get(stream);
    if (row === undefined) return null;
    const [revision, eventId, hash] = row;
    const head = { revision, eventId, hash: typeof hash === 'string' ? hash : null };
    this.remember(stream, head);
    return head;
  }

  /** After this connection committed events to `stream` (its data_version does not count them). */
  appendedTo(stream: StreamName): void {
    this.remembered.delete(stream);
  }

  private forgetIfOthersCommitted(): void {
    const version = this.dataVersion.current();
    if (version === this.seenVersion) return;
    this.seenVersion = version;
    this.remembered.clear();
  }

  private remember(stream: StreamName, head: StreamHead): void {
    if (this.remembered.size >= REMEMBERED_HEADS) {
      this.remembered.delete(this.remembered.keys().next().value as StreamName);
    }
    this.remembered.set(stream, head);
  }
}
