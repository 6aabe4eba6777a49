import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent, StoreSubscription } from '../event-store.port';

/** Opens a new store for one test; the suite closes it. */
export type OpenStore = () => EventStore | Promise<EventStore>;

export type ContractOptions = Readonly<{
  /** Each test gets a new, empty store (not so with a shared KurrentDB server). */
  startsEmpty: boolean;
  /**
   * An event id stored anywhere is refused everywhere else. KurrentDB only recognises ids where a
   * retry of the same append would put them, so it stores the same id in another stream.
   */
  refusesEventIdsStoredElsewhere: boolean;
}>;

export type ContractContext = Readonly<{ store: () => EventStore; options: ContractOptions }>;

/**
 * This run of the suite, in every stream name it writes: a KurrentDB server is shared with earlier
 * runs, other runs at the same time and other applications, and a store under contract must see
 * only what this run wrote for its reads of the log and its head position to be exact.
 */
const RUN = randomUUID().slice(0, 8);

/** The categories the contract suite writes (`newStream(category)`). */
const CONTRACT_STREAM_CATEGORIES = ['contract', 'submission', 'counter'] as const;

/**
 * The prefixes of this run's streams: a KurrentDB store under contract is opened with these as its
 * stream prefixes, since it reads only the streams it is told are its own (filtered by the server).
 */
export const CONTRACT_STREAM_PREFIXES: readonly string[] = CONTRACT_STREAM_CATEGORIES.map(
  (category) => `${category}-${RUN}-`,
);

/** A stream name no other test (or other run against a shared server) uses. */
export const newStream = (category: (typeof CONTRACT_STREAM_CATEGORIES)[number] = 'contract'): string =>
  `${category}-${RUN}-${randomUUID()}`;

export function newEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'ThingHappened',
    data: { value: 1 },
    metadata: { commandId: randomUUID() },
    ...overrides,
  };
}

export const newEvents = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => newEvent({ data: { index } }));

export const idsOf = (events: readonly Pick<RecordedEvent, 'eventId'>[]): string[] => events.map((e) => e.eventId);

/** Rejects if `promise` takes longer than `ms`, so a hanging subscription fails its test quickly. */
export async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Iterates `subscription` until the iteration ends by itself (after `close()`), keeping the events
 * of `streams`; `onEvent` runs after each kept event and may append or close.
 */
export async function follow(
  subscription: StoreSubscription,
  streams: readonly string[],
  onEvent: (kept: readonly RecordedEvent[]) => Promise<void> = async () => undefined,
): Promise<RecordedEvent[]> {
  const kept: RecordedEvent[] = [];
  for await (const event of subscription) {
    if (!streams.includes(event.streamName)) continue;
    kept.push(event);
    await onEvent(kept);
  }
  return kept;
}

export function expectStrictlyIncreasing(values: readonly number[]): void {
  values.slice(1).forEach((value, index) => expect(value).toBeGreaterThan(values[index]));
}
