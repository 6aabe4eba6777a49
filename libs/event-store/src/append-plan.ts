import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision, StreamName } from './event-store.port';

/** Where an event id is stored. */
export type StoredEventRef = Readonly<{ streamName: StreamName; revision: number; position: number }>;

export type FindStoredEvent = (eventId: string) => StoredEventRef | undefined;

export type AppendPlan =
  Readonly<{ kind: 'write'; firstRevision: number }> | Readonly<{ kind: 'already-appended'; result: AppendResult }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refuses what no adapter can store: an empty append, or an event id that is not a lowercase UUID. */
export function assertAppendable(stream: StreamName, events: readonly EventToAppend[]): void {
  if (stream.length === 0) throw new TypeError('Stream name must not be empty');
  if (events.length === 0) throw new RangeError(`Stream ${stream}: an append needs at least one event`);
  const invalid = events.find((event) => !UUID.test(event.eventId));
  if (invalid) throw new TypeError(`Stream ${stream}: event id "${invalid.eventId}" is not a lowercase UUID`);
}

/**
 * Decides an append against the stream's current last revision (`undefined`: no stream), for the
 * adapters that check expectations themselves. Throws `WrongExpectedRevisionError` or
 * `DuplicateEventIdError` when nothing may be written.
 */
export function planAppend(
  stream: StreamName,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  current: number | undefined,
  findStored: FindStoredEvent,
): AppendPlan {
  assertAppendable(stream, events);
  const firstId = events[0].eventId;
  const first = findStored(firstId);
  /** The first id is looked up once: both checks below ask for it, and nothing is written in between. */
  const find: FindStoredEvent = (eventId) => (eventId === firstId ? first : findStored(eventId));
  const original = findOriginalAppend(stream, events, expected, find);
  if (original) return { kind: 'already-appended', result: original };
  if (!isExpected(expected, current)) {
    throw new WrongExpectedRevisionError(stream, expected, current ?? 'no-stream');
  }
  assertIdsUnused(stream, events, find);
  return { kind: 'write', firstRevision: (current ?? -1) + 1 };
}

/**
 * The first revision of an append whose expectation holds against `current`, decided without looking
 * its event ids up: an earlier append of the same events at the revisions this one targets would
 * have moved the stream past `expected`, so this can only be a new write. An id stored in another
 * stream (or a `current` that another process's commit made stale) is refused by the log's unique
 * indexes, and the caller then decides again with `planAppend`. Null when the ids must be looked
 * up: `expected` is `any` (a retry may sit anywhere in the stream), the expectation does not hold
 * (a retry or a conflict), or an id repeats within the append.
 */
export function plannedNewWrite(
  stream: StreamName,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  current: number | undefined,
): number | null {
  assertAppendable(stream, events);
  if (expected === 'any' || !isExpected(expected, current)) return null;
  if (events.length > 1 && new Set(events.map((event) => event.eventId)).size !== events.length) return null;
  return (current ?? -1) + 1;
}

export function isExpected(expected: ExpectedRevision, current: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === undefined;
  return current === expected;
}

/** The result of an earlier append of exactly these events at exactly the revisions this one targets. */
function findOriginalAppend(
  stream: StreamName,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  findStored: FindStoredEvent,
): AppendResult | undefined {
  const first = findStored(events[0].eventId);
  if (!first || first.streamName !== stream) return undefined;
  const firstRevision = expected === 'any' ? first.revision : expected === 'no-stream' ? 0 : expected + 1;
  let last: StoredEventRef | undefined;
  for (const [index, event] of events.entries()) {
    last = index === 0 ? first : findStored(event.eventId);
    if (last?.streamName !== stream || last.revision !== firstRevision + index) return undefined;
  }
  return last && { nextExpectedRevision: last.revision, position: last.position };
}

function assertIdsUnused(stream: StreamName, events: readonly EventToAppend[], findStored: FindStoredEvent): void {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId) || findStored(eventId)) throw new DuplicateEventIdError(stream, eventId);
    seen.add(eventId);
  }
}
