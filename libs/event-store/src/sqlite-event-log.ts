import type { Database, Statement } from 'better-sqlite3';
import type { StoredEventRef } from './append-plan';
import type { EventToAppend, RecordedEvent, StreamName } from './event-store.port';

/** A row in `raw()` mode (an array, about a third cheaper to read than an object), in COLUMNS order. */
type EventRow = readonly [
  position: number,
  streamName: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const COLUMNS = 'position, stream_name, revision, event_id, type, data, metadata, recorded_at';

/** The `events` table through statements prepared once per connection. */
export class SqliteEventLog {
  private readonly lastRevisionStatement: Statement<[StreamName], { revision: number }>;
  private readonly findEventStatement: Statement<[string], StoredEventRef>;
  private readonly insertStatement: Statement<[StreamName, number, string, string, string, string, string]>;
  private readonly readStreamStatement: Statement<[StreamName, number, number], EventRow>;
  private readonly readAllStatement: Statement<[number, number], EventRow>;
  private readonly headStatement: Statement<[], { position: number | null }>;

  constructor(db: Database) {
    this.lastRevisionStatement = db.prepare(
      'SELECT revision FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
    );
    this.findEventStatement = db.prepare(
      'SELECT stream_name AS streamName, revision, position FROM events WHERE event_id = ?',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO events (stream_name, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readStreamStatement = db
      .prepare<[StreamName, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision BETWEEN ? AND ? ORDER BY revision`,
      )
      .raw();
    this.readAllStatement = db
      .prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw();
    this.headStatement = db.prepare('SELECT MAX(position) AS position FROM events');
  }

  lastRevision(stream: StreamName): number | undefined {
    return this.lastRevisionStatement.get(stream)?.revision;
  }

  findEvent(eventId: string): StoredEventRef | undefined {
    return this.findEventStatement.get(eventId);
  }

  /**
   * Stores one event; returns it as a read would, its data and metadata parsed back from the stored
   * text when first read (most appends are never read back from memory).
   */
  insert(stream: StreamName, revision: number, event: EventToAppend, recordedAt: string): RecordedEvent {
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    const { lastInsertRowid } = this.insertStatement.run(
      stream,
      revision,
      event.eventId,
      event.type,
      data,
      metadata,
      recordedAt,
    );
    return storedEvent(
      Number(lastInsertRowid),
      stream,
      revision,
      event.eventId,
      event.type,
      data,
      metadata,
      recordedAt,
    );
  }

  readStream(stream: StreamName, fromRevision: number, toRevision: number): RecordedEvent[] {
    return this.readStreamStatement.all(stream, fromRevision, toRevision).map(toRecordedEvent);
  }

  readAll(after: number, limit: number): RecordedEvent[] {
    return this.readAllStatement.all(after, limit).map(toRecordedEvent);
  }

  headPosition(): number {
    return this.headStatement.get()?.position ?? 0;
  }
}

/**
 * `metadata` is parsed on first read, not with the row: most readers of the log (the read models,
 * a rebuild above all) never look at it, and it is about 40 % of a row's JSON. It is an own,
 * enumerable getter, so a copy, `JSON.stringify` or an equality check sees it as a plain property;
 * once parsed, the text is let go.
 */
function toRecordedEvent([
  position,
  streamName,
  revision,
  eventId,
  type,
  data,
  metadata,
  recordedAt,
]: EventRow): RecordedEvent {
  const parsedMetadata = parsedOnce(metadata);
  return {
    streamName,
    revision,
    position,
    eventId,
    type,
    data: JSON.parse(data) as Record<string, unknown>,
    get metadata() {
      return parsedMetadata();
    },
    recordedAt,
  };
}

/**
 * An event just inserted, for this process's subscriptions: its JSON columns are parsed on first
 * read, like `metadata` in `toRecordedEvent`, and each text is let go once parsed.
 */
function storedEvent(
  position: number,
  streamName: StreamName,
  revision: number,
  eventId: string,
  type: string,
  dataText: string,
  metadataText: string,
  recordedAt: string,
): RecordedEvent {
  const data = parsedOnce(dataText);
  const metadata = parsedOnce(metadataText);
  return {
    streamName,
    revision,
    position,
    eventId,
    type,
    get data() {
      return data();
    },
    get metadata() {
      return metadata();
    },
    recordedAt,
  };
}

/** A JSON object text parsed on the first call, and let go once parsed. */
function parsedOnce(text: string): () => Record<string, unknown> {
  let unparsed: string | null = text;
  let parsed: Record<string, unknown> | undefined;
  return () => {
    if (unparsed !== null) {
      parsed = JSON.parse(unparsed) as Record<string, unknown>;
      unparsed = null;
    }
    return parsed as Record<string, unknown>;
  };
}
