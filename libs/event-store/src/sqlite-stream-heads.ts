import type Database from 'better-sqlite3';
import type { StreamHead, StreamName } from './event-store.port';

type HeadRow = [revision: number, eventId: string, hash: unknown];

/**
 * `streamHead` of the SQLite store: the last row of a stream by the (stream, revision) index, and
 * only the three values it names; `metadata.hash` is read by SQLite (null when the metadata is not
 * valid JSON), so neither the event's data nor its metadata is copied or parsed in JavaScript.
 */
export class SqliteStreamHeads {
  private readonly statement: Database.Statement<[StreamName], HeadRow>;

  constructor(db: Database.Database) {
    this.statement = db
      .prepare<[StreamName], HeadRow>(
        `SELECT revision, event_id,
                CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END
         FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1`,
      )
      .raw();
  }

  of(stream: StreamName): StreamHead | null {
    const row = this.statement.get(stream);
    if (row === undefined) return null;
    const [revision, eventId, hash] = row;
    return { revision, eventId, hash: typeof hash === 'string' ? hash : null };
  }
}
