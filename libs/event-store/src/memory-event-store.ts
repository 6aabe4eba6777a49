import { AppendSignal } from './append-signal';
import { planAppend, type StoredEventRef } from './append-plan';
import { CatchUpSubscription } from './catch-up-subscription';
import { StreamNotFoundError } from './event-store.errors';
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

export type MemoryEventStoreOptions = Readonly<{
  /** Clock for `recordedAt`; default the system clock. */
  now?: () => Date;
}>;

/**
 * The store for unit tests. Events go through JSON on the way in, like in the real stores, and
 * come back frozen, so a test cannot depend on what a real store would not give back.
 * Positions are dense here (1, 2, 3…); `readAll` relies on it.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory';
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<StreamName, RecordedEvent[]>();
  private readonly eventsById = new Map<string, RecordedEvent>();
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<StoreSubscription>();
  private readonly now: () => Date;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async appendToStream(
    stream: StreamName,
    events: readonly EventToAppend[],
    { expectedRevision }: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    const current = this.streams.get(stream)?.at(-1)?.revision;
    const plan = planAppend(stream, events, expectedRevision, current, (id) => this.findStored(id));
    if (plan.kind === 'already-appended') return plan.result;
    const recordedAt = this.now().toISOString();
    const recorded = events.map((event, index) =>
      this.toRecorded(stream, event, plan.firstRevision + index, this.log.length + 1 + index, recordedAt),
    );
    recorded.forEach((event) => this.store(event));
    this.signal.notify();
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.streams.get(stream);
    if (!events) throw new StreamNotFoundError(stream);
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    return events.filter((event) => event.revision >= from && event.revision <= to);
  }

  async readStreamOrEmpty(stream: StreamName): Promise<RecordedEvent[]> {
    return [...(this.streams.get(stream) ?? [])];
  }

  async readAll({ after = 0, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.log.slice(after, after + limit);
  }

  subscribeToAll(options: Readonly<{ after?: number }> = {}): StoreSubscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      after: options.after ?? 0,
      readPage: (after, limit) => this.readAll({ after, limit }),
      signal: this.signal,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    return this.log.at(-1)?.position ?? 0;
  }

  /** Only this instance appends to its log: its last append is the head. */
  lastAppendedPosition(): number {
    return this.log.at(-1)?.position ?? 0;
  }

  async checkHealth(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private findStored(eventId: string): StoredEventRef | undefined {
    return this.eventsById.get(eventId);
  }

  private toRecorded(
    stream: StreamName,
    event: EventToAppend,
    revision: number,
    position: number,
    recordedAt: string,
  ): RecordedEvent {
    return deepFreeze({
      streamName: stream,
      revision,
      position,
      eventId: event.eventId,
      type: event.type,
      data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
      metadata: JSON.parse(JSON.stringify(event.metadata)) as Record<string, unknown>,
      recordedAt,
    });
  }

  private store(recorded: RecordedEvent): void {
    this.log.push(recorded);
    this.eventsById.set(recorded.eventId, recorded);
    const streamEvents = this.streams.get(recorded.streamName) ?? [];
    streamEvents.push(recorded);
    this.streams.set(recorded.streamName, streamEvents);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
