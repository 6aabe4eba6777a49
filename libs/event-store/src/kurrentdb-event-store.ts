import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { kurrentdb } from './kurrentdb-client';
import { assertAppendable } from './append-plan';
import { StoreTimeoutError, StreamNotFoundError, WrongExpectedRevisionError } from './event-store.errors';
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
import { toActualRevision, toEventData, toRecordedEvent, toStoreError, toStreamState } from './kurrentdb-mapping';
import { KurrentDbConnection } from './kurrentdb-connection';
import { toPosition, toReadPosition } from './kurrentdb-positions';
import { KurrentDbSubscription } from './kurrentdb-subscription';
import { CASE_LEDGER_STREAM_PREFIXES, isOwnStream, streamPrefixFilter } from './kurrentdb-stream-filter';
import { collect, withTimeout } from './with-timeout';

export type KurrentDbEventStoreOptions = Readonly<{
  /** e.g. `kurrentdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Every call to the server fails with `StoreUnavailableError` after this long; default 5000 ms. */
  timeoutMs?: number;
  /**
   * `readAll`, `headPosition` and `subscribeToAll` see only streams whose name starts with one of
   * these; default `CASE_LEDGER_STREAM_PREFIXES` (the contract suite passes its own).
   */
  streamPrefixes?: readonly string[];
}>;

/**
 * The production store. The client hangs forever on a server that accepts connections but never
 * answers (its own deadlines are ignored on the first call), so every call goes through our timeout,
 * and a timeout replaces the client (see KurrentDbConnection) so that calls reach the server again
 * once it answers. `readAll`, `headPosition` and subscriptions see only this application's streams
 * (`streamPrefixes`), filtered by the server and again here.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  private readonly connection: KurrentDbConnection;
  private readonly timeoutMs: number;
  private readonly prefixes: readonly string[];
  private readonly subscriptions = new Set<StoreSubscription>();
  private closing?: Promise<void>;

  constructor(options: KurrentDbEventStoreOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.prefixes = options.streamPrefixes ?? CASE_LEDGER_STREAM_PREFIXES;
    this.connection = new KurrentDbConnection(options.connectionString, this.timeoutMs);
  }

  async appendToStream(
    stream: StreamName,
    events: readonly EventToAppend[],
    { expectedRevision }: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    assertAppendable(stream, events);
    const result = await this.call('append', stream, (client) =>
      client.appendToStream(stream, events.map(toEventData), { streamState: toStreamState(expectedRevision) }),
    ).catch((error: unknown) => {
      if (!(error instanceof kurrentdb().WrongExpectedVersionError)) throw error;
      throw new WrongExpectedRevisionError(stream, expectedRevision, toActualRevision(error.actualState));
    });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // The server leaves the position out when it recognised an idempotent retry.
    const position = result.position
      ? toPosition(result.position)
      : await this.positionOf(stream, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const resolved = await this.call('readStream', stream, (client) =>
      collect(client.readStream(stream, { fromRevision: BigInt(from), maxCount: Math.max(1, to - from + 1) })),
    );
    return resolved
      .map((event) => toRecordedEvent(event))
      .filter((event): event is RecordedEvent => event !== undefined && event.revision <= to);
  }

  async readAll({ after = 0, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (limit <= 0) return [];
    const resolved = await this.call('readAll', undefined, (client) =>
      collect(
        client.readAll({
          fromPosition: toReadPosition(after),
          maxCount: limit + 1,
          filter: streamPrefixFilter(this.prefixes),
        }),
      ),
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
    const [last] = await this.call('headPosition', undefined, (client) =>
      collect(
        client.readAll({
          fromPosition: kurrentdb().END,
          direction: kurrentdb().BACKWARDS,
          maxCount: 1,
          filter: streamPrefixFilter(this.prefixes),
        }),
      ),
    );
    const own = last && isOwnStream(last, this.prefixes) ? last.event : undefined;
    return own?.position ? toPosition(own.position) : 0;
  }

  async checkHealth(): Promise<void> {
    await this.call('checkHealth', undefined, (client) =>
      collect(client.readAll({ fromPosition: kurrentdb().END, direction: kurrentdb().BACKWARDS, maxCount: 1 })),
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

  private async call<T>(
    what: string,
    stream: StreamName | undefined,
    operation: (client: KurrentDBClient) => Promise<T>,
  ): Promise<T> {
    let client: KurrentDBClient | undefined;
    try {
      return await withTimeout(
        async () => operation((client = await this.connection.acquire())),
        this.timeoutMs,
        `KurrentDB ${what}`,
      );
    } catch (error) {
      if (error instanceof StoreTimeoutError && client) void this.connection.replace(client);
      throw toStoreError(error, stream);
    }
  }
}
