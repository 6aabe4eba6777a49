import type Database from 'better-sqlite3';
import type { StreamHead, StreamName } from './event-store.port';
import type { WalIndexHeader } from './wal-index-header';

type HeadRow = [revision: number, eventId: string, hash: unknown];

/** Most heads kept between two commits; past it they are all let go and read again. */
export const MAX_HELD_HEADS = 4096;

/**
 * `streamHead` of the SQLite store: the last row of a stream by the (stream, revision) index, and
 * only the three values it names; `metadata.hash` is read by SQLite (null when the metadata is not
 * valid JSON), so neither the event's data nor its metadata is copied or parsed in JavaScript.
 *
 * A head read is kept until the next commit to the file by any connection of any process, which the
 * WAL-index header shows (`WalIndexHeader`): an as-of replay asking again for an unchanged stream
 * then costs one `pread`, not a read transaction (two `fcntl` locks on the `-shm` file) and a query.
 * Without a WAL index (an in-memory database) every call reads the table.
 */
export class SqliteStreamHeads {
  private readonly statement: Database.Statement<[StreamName], HeadRow>;
  private readonly held = new Map<StreamName, StreamHead | null>();

  constructor(
    db: Database.Database,
    private readonly walIndex: WalIndexHeader | null = null,
  ) {
    this.statement = db
      .prepare<[StreamName], HeadRow>(
        `SELECT revision, event_id,
                CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END
         FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1`,
      )
      .raw();
  }

  of(stream: StreamName): StreamHead | null {
    if (this.walIndex === null) return this.read(stream);
    if (this.walIndex.changedSinceLastAsked()) this.held.clear();
    else {
      const held = this.held.get(stream);
      if (held !== undefined) return held;
    }
    /** Read after the header: it holds at least every commit the header shows. */
    const head = this.read(stream);
    if (this.held.size >= MAX_HELD_HEADS) this.held.clear();
    this.held.set(stream, head);
    return head;
  }

  private read(stream: StreamName): StreamHead | null {
    const row = this.statement.get(stream);
    if (row === undefined) return null;
    const [revision, eventId, hash] = row;
    return Object.freeze({ revision, eventId, hash: typeof hash === 'string' ? hash : null });
  }
}
