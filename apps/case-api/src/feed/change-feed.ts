import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { Principal } from '../auth/principal';
import type { PersonalDataChoice } from '../audit/audit-queries.dto';
import { logPageFor } from '../audit/auditor-events';
import type { RevealRecorder } from '../audit/access-log/personal-data-access';
import type { FeedAnswer, FeedItem, FeedPage, SharedPage } from './feed-page';

/**
 * Who reads the feed: whether personal data is shown, whether notes are (H1), and where a reveal
 * of personal data is recorded before it is sent (docs/privacy.md).
 */
export type FeedReader = Readonly<{
  personalData: PersonalDataChoice | undefined;
  seesNotes: boolean;
  /** Null where nothing may be revealed: the data then stays redacted whatever `personalData` says. */
  recordReveal: RevealRecorder | null;
}>;

const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;
/** H1: case notes are shown to officers and auditors, never to intake. */
const NOTE_EVENT = 'CaseNoteAdded';
/**
 * How long a long poll whose page has an event but is not full goes on gathering more (up to
 * `limit`) before it answers: a client following the tail gets a few pages a second rather than
 * one per commit, which with a hundred followers cost the service most of its time in the bench.
 * The shared tail answers such polls together, at most this long after the first event reached
 * them, so that the followers of the log come back at the same cursor and share one page.
 */
export const FEED_LINGER_MS = 250;

/**
 * How long the tail goes on reading the log after its last reader: then (checked every half of it)
 * it stops, closes its subscription and drops its items, and the next request starts it again at
 * the head. It costs 25–35 µs of CPU an event (redaction, serialisation: on the SQLite store on the
 * tail's own thread, elsewhere on the event loop) whether or not anyone reads it. A poll waiting or a stream following counts as reading, so a follower that
 * polls again when answered keeps it, and so does one polling without waiting up to twice a minute.
 */
export const FEED_TAIL_IDLE_MS = 30_000;
/** Injection token of the idle time, for specs; FEED_TAIL_IDLE_MS unless provided. */
export const FEED_TAIL_IDLE = 'FEED_TAIL_IDLE_MS';
/** Pages of the log scanned at most per answer, so that a long run of skipped events stays cheap. */
const MAX_SCANNED_PAGES = 10;

/** Personal data only for an auditor who asks for it, each reveal recorded; notes for officers and auditors (H1). */
export function feedReaderOf(
  principal: Principal,
  personalData: PersonalDataChoice | undefined,
  recordReveal: RevealRecorder,
): FeedReader {
  return {
    personalData: principal.roles.includes('auditor') ? personalData : undefined,
    seesNotes: principal.roles.includes('officer') || principal.roles.includes('auditor'),
    recordReveal,
  };
}

/** True when the stored event belongs in this reader's feed: an application stream, no note for intake. */
export function isVisibleTo(reader: FeedReader, event: RecordedEvent): boolean {
  return isApplicationEvent(event) && showsType(reader, event.type);
}

export const isApplicationEvent = (event: RecordedEvent): boolean => event.streamName.startsWith(STREAM_PREFIX);

/** H1: no note for a reader who may not see notes. */
export const showsType = (reader: Pick<FeedReader, 'seesNotes'>, type: string): boolean =>
  reader.seesNotes || type !== NOTE_EVENT;

/** A poll of the feed: the page after `after`, waiting up to `waitMs` for an event unless `signal` aborts. */
export type FeedPoll = Readonly<{ after: number; limit: number; waitMs: number; signal: AbortSignal }>;

/** The end of the feed read once for every reader who follows it (FeedTail). */
export type SharedFeedTail = Readonly<{
  /** The answer to the poll, once it is due, or undefined when the tail cannot give it (the store then does). */
  answer(reader: FeedReader, poll: FeedPoll): Promise<SharedPage | undefined>;
}>;

/**
 * Up to `limit` visible events after `after`, in log order. `nextAfter` is the last position
 * scanned (skipped events included, they never come back), or `after` when nothing was.
 */
export async function readFeedPage(
  store: EventStore,
  reader: FeedReader,
  after: number,
  limit: number,
): Promise<FeedPage> {
  const visible: RecordedEvent[] = [];
  let cursor = after;
  for (let page = 0; page < MAX_SCANNED_PAGES && visible.length < limit; page++) {
    const wanted = limit - visible.length;
    const events = await store.readAll({ after: cursor, limit: wanted });
    for (const event of events) if (isVisibleTo(reader, event)) visible.push(event);
    cursor = events.at(-1)?.position ?? cursor;
    if (events.length < wanted) break;
  }
  return { events: await feedItemsFor(store, reader, visible), nextAfter: cursor };
}

/**
 * The answer to a poll: from the shared tail when it can give it (its bytes shared with every poll
 * at the same cursor), else from the store: the page after `after`; when it is empty, waits up to
 * `waitMs` (following the live log with the store's subscription) for a visible event, then reads
 * the page again. Ends early on `signal` (the server shutting down): the caller then gets the page
 * as it is and resumes elsewhere.
 */
export async function waitForFeedPage(
  store: EventStore,
  reader: FeedReader,
  query: FeedPoll,
  tail?: SharedFeedTail,
): Promise<FeedAnswer> {
  const fromTail = await tail?.answer(reader, query);
  if (fromTail) return fromTail;
  const first = await readFeedPage(store, reader, query.after, query.limit);
  if (first.events.length > 0 || query.waitMs <= 0 || query.signal.aborted) return { page: first };
  const subscription = store.subscribeToAll({ after: first.nextAfter });
  const stop = () => void subscription.close();
  const timer = setTimeout(stop, query.waitMs);
  query.signal.addEventListener('abort', stop, { once: true });
  let arrived = false;
  try {
    for await (const event of subscription)
      if (isVisibleTo(reader, event)) {
        arrived = true;
        break;
      }
  } finally {
    clearTimeout(timer);
    query.signal.removeEventListener('abort', stop);
    await subscription.close();
  }
  return { page: arrived ? await readFeedPage(store, reader, first.nextAfter, query.limit) : first };
}

/**
 * The events as feed items, `data` redacted exactly as the audit routes redact it. A reader who
 * sees personal data gets nothing until the reveal of these events is recorded (one access event
 * per page); without a recorder the data stays redacted.
 */
export async function feedItemsFor(
  store: EventStore,
  reader: FeedReader,
  events: readonly RecordedEvent[],
): Promise<FeedItem[]> {
  const reveals = reader.personalData === 'include' && reader.recordReveal !== null;
  if (reveals) await reader.recordReveal?.(events);
  return feedItemsOf(store, events, reveals ? 'include' : undefined);
}

/** The events as feed items, with personal data or redacted; whoever reveals it has recorded the reveal. */
export async function feedItemsOf(
  store: EventStore,
  events: readonly RecordedEvent[],
  personalData: PersonalDataChoice | undefined,
): Promise<FeedItem[]> {
  const redacted = await logPageFor(store, events, personalData);
  return redacted.map((event) => feedItemOf(event, event.data));
}

/** The feed item of a stored event of an application stream, with `data` as given (redacted or not). */
export function feedItemOf(
  event: Pick<RecordedEvent, 'position' | 'streamName' | 'revision' | 'type' | 'recordedAt'> &
    Readonly<{ metadata: Readonly<Record<string, unknown>> }>,
  data: unknown,
): FeedItem {
  return {
    position: event.position,
    applicationId: event.streamName.slice(STREAM_PREFIX.length),
    revision: event.revision,
    type: event.type,
    occurredAt: typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : event.recordedAt,
    data,
  };
}
