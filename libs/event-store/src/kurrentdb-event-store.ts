import { kurrentdb } from './kurrentdb-client';
import { assertAppendable } from './append-plan';
import { StreamNotFoundError, WrongExpectedRevisionError } from './event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreSubscription,
  StreamName,
} from './event-store.port';
import { toActualRevision, toEventData, toRecordedEvent, toStreamState } from './kurrentdb-mapping';
import { KurrentDbConnection } from './kurrentdb-connection';
import { toPosition, toReadPosition } from './kurrentdb-positions';
import { KurrentDbSubscription } from './kurrentdb-subscription';
import { CASE_LEDGER_STREAM_PREFIXES, isOwnStream, streamPrefixFilter } from './kurrentdb-stream-filter';
import { KurrentDbReader } from './kurrentdb-reads';

export type KurrentDbEventStoreOptions = Readonly<{
  /** e.g. `kurrentdb://localhost:2113?tls=false`. */
  connectionString: string;
  /**
   * Every call to the server carries this as its gRPC deadline and fails with `StoreUnavailableError`
   * (`StoreTimeoutError`) after this long; default 5000 ms. Subscriptions have none: they last until closed.
   */
  timeoutMs?: number;
  /**
   * `readAll`, `headPosition` and `subscribeToAll` see only streams whose name starts with one of
   * these; default `CASE_LEDGER_STREAM_PREFIXES` (the contract suite passes its own).
   */
  streamPrefixes?: readonly string[];
}>;

/**
 * The production store. Every call carries a gRPC deadline of `timeoutMs` (reads, appends and the
 * client's server-features request; see KurrentDbConnection and kurrentdb-reads.ts), so a call the
 * caller was told failed is abandoned by the server too, and a call that times out fails alone:
 * subscriptions and other calls go on. `readAll`, `headPosition` and subscriptions see only this
 * application's streams (`streamPrefixes`), filtered by the server and again here.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  private readonly connection: KurrentDbConnection;
  private readonly reader: KurrentDbReader;
  private readonly timeoutMs: number;
  private readonly prefixes: readonly string[];
  private readonly subscriptions = new Set<StoreSubscription>();
  private closing?: Promise<void>;
  /** The position of the last event this store appended (the highest an append answered). */
  private appendedUpTo = 0;

  constructor(options: KurrentDbEventStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.prefixes = options.streamPrefixes ?? CASE_LEDGER_STREAM_PREFIXES;
    this.connection = new KurrentDbConnection(options.connectionString, this.timeoutMs);
    this.reader = new KurrentDbReader(this.connection.client);
  }

  async appendToStream(
    stream: StreamName,
    events: readonly EventToAppend[],
    { expectedRevision }: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    assertAppendable(stream, events);
    const result = await this.call('append', stream, async (deadlineAt) => {
      // The features request comes first (with its own deadline), so that the append's deadline is
      // counted from now and not from before it.
      await this.connection.serverFeatures();
      return this.connection.client.appendToStream(stream, events.map(toEventData), {
        streamState: toStreamState(expectedRevision),
        deadline: Math.max(1, deadlineAt - Date.now()),
      });
    }).catch((error: unknown) => {
      if (!(error instanceof kurrentdb().WrongExpectedVersionError)) throw error;
      throw new WrongExpectedRevisionError(stream, expectedRevision, toActualRevision(error.actualState));
    });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // The server leaves the position out when it recognised an idempotent retry.
    const position = result.position
      ? toPosition(result.position)
      : await this.positionOf(stream, nextExpectedRevision);
    this.appendedUpTo = Math.max(this.appendedUpTo, position);
    return { nextExpectedRevision, position };
  }

  /** Without a call to the server: the highest position this store's appends were answered with. */
  lastAppendedPosition(): number {
    return this.appendedUpTo;
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const resolved = await this.call('readStream', stream, (deadlineAt) =>
      this.reader.stream({ stream, fromRevision: from, maxCount: to - from + 1 }, deadlineAt),
    );
    return resolved
      .map((event) => toRecordedEvent(event))
      .filter((event): event is RecordedEvent => event !== undefined && event.revision <= to);
  }

  async readAll({ after = 0, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (limit <= 0) return [];
    const from = toReadPosition(after);
    const resolved = await this.call('readAll', undefined, (deadlineAt) =>
      this.reader.all({ from, maxCount: limit + 1, prefixes: this.prefixes }, deadlineAt),
    );
    return resolved
      .filter((event) => isOwnStream(event, this.prefixes))
      .map((event) => toRecordedEvent(event))
      .filter((event): event is RecordedEvent => event !== undefined && event.position > after)
      .slice(0, limit);
  }

  subscribeToAll(options: Readonly<{ after?: number }> = {}): StoreSubscription {
    const after = options.after ?? 0;
    const source = this.connection.client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: streamPrefixFilter(this.prefixes),
    });
    const subscription: KurrentDbSubscription = new KurrentDbSubscription(
      source,
      after,
      this.timeoutMs,
      () => this.subscriptions.delete(subscription),
      (event) => isOwnStream(event, this.prefixes),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    const [last] = await this.call('headPosition', undefined, (deadlineAt) =>
      this.reader.all({ from: kurrentdb().END, backwards: true, maxCount: 1, prefixes: this.prefixes }, deadlineAt),
    );
    const own = last && isOwnStream(last, this.prefixes) ? last.event : undefined;
    return own?.position ? toPosition(own.position) : 0;
  }

  async checkHealth(): Promise<void> {
    await this.call('checkHealth', undefined, (deadlineAt) =>
      this.reader.all({ from: kurrentdb().END, backwards: true, maxCount: 1 }, deadlineAt),
    );
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.connection.close();
  }

  private async positionOf(stream: StreamName, revision: number): Promise<number> {
    const [event] = await this.readStream(stream, { fromRevision: revision, toRevision: revision });
    if (!event) throw new StreamNotFoundError(stream);
    return event.position;
  }

  /** One call to the server: see KurrentDbConnection.call. */
  private call<T>(
    what: string,
    stream: StreamName | undefined,
    operation: (deadlineAt: number) => Promise<T>,
  ): Promise<T> {
    return this.connection.call(`KurrentDB ${what}`, stream, operation);
  }
}
