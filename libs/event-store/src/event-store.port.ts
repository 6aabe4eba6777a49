/**
 * The event store port. Every adapter (memory, SQLite, KurrentDB) passes the same contract
 * suite (`event-store.contract.ts`).
 *
 * Revisions are per stream and start at 0 (KurrentDB's convention). Positions are global,
 * strictly increasing in the order events were committed, and start above 0; they need not be
 * dense (KurrentDB's are byte offsets). `after: 0` therefore means "from the very beginning".
 */
export type StreamName = string;

/**
 * What the appender expects the stream to be, checked atomically with the append:
 * - `'no-stream'`: the stream has no events yet;
 * - `'any'`: no check. A retry of an `'any'` append is recognised exactly by the memory and SQLite
 *   stores, but only best-effort by KurrentDB: its server remembers recent `'any'` appends in a
 *   bounded cache, and a retry it no longer remembers is appended again (the events twice, under the
 *   same ids). Appends that must be idempotent expect `'no-stream'` or a number (this application's
 *   commands always do);
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no-stream' | 'any' | number;

export type EventToAppend = Readonly<{
  /** A UUID. Appending an id already stored at that place in that stream is a no-op success. */
  eventId: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
  /**
   * The data's JSON text when the caller has it already (the pipeline hashes the data's canonical
   * JSON): an adapter storing text keeps it instead of serializing the data again. It must parse
   * to `data`; the pipeline defines it as not enumerable, so that a copy of the event made with
   * other data (a spread, JSON) does not carry it along.
   */
  dataJson?: string;
}>;

export type RecordedEvent = Readonly<{
  streamName: StreamName;
  revision: number;
  position: number;
  eventId: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata: Readonly<Record<string, unknown>>;
  /** When the store committed the event (UTC ISO-8601). */
  recordedAt: string;
  /**
   * Set when the stored bytes are not a JSON object (a binary event, malformed JSON): `data` is then
   * `{}` and this says why, so that a worker fails (and parks) this one event instead of the
   * subscription failing on it for ever. Never set on events this application appended.
   */
  unreadable?: string;
}>;

/** A stream's last event: its revision, its id and its `metadata.hash` (null where that is not a string). */
export type StreamHead = Readonly<{ revision: number; eventId: string; hash: string | null }>;

export type AppendResult = Readonly<{
  /** Revision of the stream's last event after the append (pass it as the next expected revision). */
  nextExpectedRevision: number;
  /** Global position of the last event of this append. */
  position: number;
}>;

export type ReadStreamOptions = Readonly<{
  /** Inclusive; default 0. */
  fromRevision?: number;
  /** Inclusive; default: to the end. */
  toRevision?: number;
}>;

export type ReadAllOptions = Readonly<{
  /**
   * Exclusive: events with a position greater than this; default 0 (from the beginning). Pass 0 or
   * a position the store returned: KurrentDB fails a read from an offset inside one of its records.
   */
  after?: number;
  /** At most this many events. */
  limit: number;
}>;

/**
 * A catch-up subscription: yields every stored event after the start position in global order,
 * then keeps following new appends until closed. Iterating ends after `close()`.
 */
export interface StoreSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /**
   * The same events, a page at a time, for stores that read the log in pages: a consumer that
   * handles batches skips a promise per event. Iterate either this or the subscription, once.
   */
  pages?(): AsyncIterable<readonly RecordedEvent[]>;
}

export interface EventStore {
  /** `'sqlite' | 'memory' | 'kurrentdb'`, for health output and logs. */
  readonly kind: string;

  /**
   * Appends atomically: all events or none. Throws `WrongExpectedRevisionError` when the
   * expectation fails, unless the same event ids are already stored at exactly those revisions
   * (an idempotent retry), in which case it returns the original result. With `'any'` on KurrentDB
   * a retry is recognised only while the server still remembers the original (see ExpectedRevision).
   */
  appendToStream(
    stream: StreamName,
    events: readonly EventToAppend[],
    options: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult>;

  /** Events of one stream in revision order. Throws `StreamNotFoundError` when it has none. */
  readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * All of a stream's events, none when it does not exist: for the stores that know it without
   * an exception (a new stream is the common case of a submission, and `readStream`'s
   * StreamNotFoundError costs a stack trace each time). Optional: without it, callers catch.
   */
  readStreamOrEmpty?(stream: StreamName): Promise<RecordedEvent[]>;

  /**
   * The events of a stream past the global position `after`, from what this process appended last
   * and still holds parsed, when that holds every event of the log past `after`; undefined when it
   * does not (another process appended meanwhile, or they are no longer held). Synchronous, for a
   * reader that follows its own appends: a store that keeps them (SQLite) answers without a read.
   * Optional: without it, such a reader reads the stream.
   */
  recentStreamEvents?(stream: StreamName, after: number): readonly RecordedEvent[] | undefined;

  /**
   * The position of the last event this store instance appended (0 before its first append), at
   * or below `headPosition()`. Synchronous and without a read, for a reader that only needs to be
   * past its own process's appends.
   */
  lastAppendedPosition(): number;

  /**
   * The last event of a stream as three values, null when the stream has none: for a reader that
   * holds a stream and only needs to know that it is still what was read. Synchronous, so that such
   * a reader answers without waiting: offered by a store that reads its log in process (SQLite).
   * Optional: without it, such a reader reads the stream from its last held revision.
   */
  streamHead?(stream: StreamName): StreamHead | null;

  /** A page of the global log in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up then live subscription to the global log. */
  subscribeToAll(options?: Readonly<{ after?: number }>): StoreSubscription;

  /** Position of the last event in the global log, 0 when empty. */
  headPosition(): Promise<number>;

  /** Resolves when the store answers; rejects with `StoreUnavailableError` otherwise. */
  checkHealth(): Promise<void>;

  close(): Promise<void>;
}
