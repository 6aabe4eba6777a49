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
    const data = event.dataJson ?? JSON.stringify(event.data);
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
 * A row as an event, its data and metadata parsed on first read, not with the row: most readers
 * of the log never look at the metadata (about 40 % of a row's JSON), and a rebuild can hand the
 * data's text to a thread that parses it there (`unparsedJson`). Each is an own, enumerable
 * getter, so a copy, `JSON.stringify` or an equality check sees a plain property.
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
  return storedEvent(position, streamName, revision, eventId, type, data, metadata, recordedAt);
}

/** Where an event read or inserted here keeps its JSON texts until each is parsed: not enumerable, so no copy or comparison sees it. */
const STORED_JSON = Symbol('stored JSON');

/** An event's two JSON columns, each parsed on first read and its text let go once parsed. */
class StoredJson {
  parsedData: Record<string, unknown> | undefined;
  parsedMetadata: Record<string, unknown> | undefined;

  constructor(
    public data: string | null,
    public metadata: string | null,
  ) {}
}

type Stored = { [STORED_JSON]: StoredJson };

/**
 * The getters every stored event shares (getters written in an object literal are new functions
 * for each object, so each event got a hidden class of its own: ~3 µs an event, and every reader
 * of its properties went megamorphic).
 */
const DATA: PropertyDescriptor = {
  get(this: Stored) {
    const json = this[STORED_JSON];
    if (json.data !== null) {
      json.parsedData = JSON.parse(json.data) as Record<string, unknown>;
      json.data = null;
    }
    return json.parsedData;
  },
  enumerable: true,
  configurable: true,
};
const METADATA: PropertyDescriptor = {
  get(this: Stored) {
    const json = this[STORED_JSON];
    if (json.metadata !== null) {
      json.parsedMetadata = JSON.parse(json.metadata) as Record<string, unknown>;
      json.metadata = null;
    }
    return json.parsedMetadata;
  },
  enumerable: true,
  configurable: true,
};

/**
 * The stored JSON texts of an event this log read or inserted, as long as neither was parsed;
 * undefined for any other event. What a rebuild hands to a thread that parses them there
 * (generations/fold-thread.ts) instead of the parsed objects.
 */
export function unparsedJson(event: RecordedEvent): Readonly<{ data: string; metadata: string }> | undefined {
  const json = (event as Partial<Stored>)[STORED_JSON];
  if (!json || json.data === null || json.metadata === null) return undefined;
  return { data: json.data, metadata: json.metadata };
}

/** An event read or just inserted, its JSON columns parsed on first read (the properties in the order of `RecordedEvent`). */
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
  const event = { streamName, revision, position, eventId, type } as RecordedEvent & { recordedAt: string };
  Object.defineProperty(event, 'data', DATA);
  Object.defineProperty(event, 'metadata', METADATA);
  event.recordedAt = recordedAt;
  return Object.defineProperty(event, STORED_JSON, { value: new StoredJson(dataText, metadataText) });
}
