import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  ACCESS_LOG_FIRST_DAY,
  ACCESS_LOG_STREAM_CATEGORY,
  PERSONAL_DATA_REVEALED,
  utcDayOf,
  type PersonalDataRevealedData,
} from './access-log-events';

/** One line of the access log: who revealed whose personal data, when, through which route, and why. */
export type AccessLogEntry = Readonly<{
  at: string;
  principal: string;
  applicationId: string;
  route: string;
  reason: string | null;
}>;

/** Where a page ended: the entry `index` of the event at `revision` of `day`'s stream (the next page starts after it). */
export type AccessLogCursor = Readonly<{ day: string; revision: number; index: number }>;

/**
 * The filters of a listing: `from` inclusive, `to` exclusive (UTC instants), at most `limit`
 * entries; `now` bounds the walk of days when `to` lies further ahead (no reveal is recorded later).
 */
export type AccessLogQuery = Readonly<{
  applicationId?: string;
  principal?: string;
  from?: string;
  to?: string;
  now: string;
  limit: number;
  cursor?: AccessLogCursor;
}>;

export type AccessLogPage = Readonly<{ entries: AccessLogEntry[]; next: AccessLogCursor | null }>;

/** Events of a day's stream read at once: a busy day is paged through, never held whole. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

/**
 * The entries matching the query, oldest first: walks the day streams from the cursor's day (or
 * `from`'s, or the first possible day) to `to`'s, and each stream in revision order. `next` is
 * set when the page is full; the page after it may be empty.
 */
export async function readAccessLog(store: EventStore, query: AccessLogQuery): Promise<AccessLogPage> {
  const entries: AccessLogEntry[] = [];
  const tomorrow = nextDay(utcDayOf(query.now));
  const lastDay = query.to === undefined ? tomorrow : minDay(utcDayOf(query.to), tomorrow);
  const firstDay =
    query.cursor?.day ?? maxDay(query.from ? utcDayOf(query.from) : ACCESS_LOG_FIRST_DAY, ACCESS_LOG_FIRST_DAY);
  for (let day = firstDay; day <= lastDay; day = nextDay(day)) {
    const resume = query.cursor?.day === day ? query.cursor : undefined;
    for (let fromRevision = resume?.revision ?? 0; ; fromRevision += CHUNK) {
      const events = await readChunk(store, `${ACCESS_LOG_STREAM_CATEGORY}-${day}`, fromRevision);
      for (const event of events) {
        const after = resume?.revision === event.revision ? resume.index : -1;
        const matching = entriesOf(event, query).filter(({ index }) => index > after);
        for (const { entry, index } of matching) {
          entries.push(entry);
          if (entries.length === query.limit) return { entries, next: { day, revision: event.revision, index } };
        }
      }
      if (events.length < CHUNK) break;
    }
  }
  return { entries, next: null };
}

/** The entries of one access event that match the filters, each with its index among the event's cases. */
function entriesOf(event: RecordedEvent, query: AccessLogQuery): { entry: AccessLogEntry; index: number }[] {
  if (event.type !== PERSONAL_DATA_REVEALED) return [];
  const at = String(event.metadata.recordedAt);
  const principal = String((event.metadata.actor as { id?: unknown } | undefined)?.id);
  if (query.principal !== undefined && principal !== query.principal) return [];
  if (query.from !== undefined && Date.parse(at) < Date.parse(query.from)) return [];
  if (query.to !== undefined && Date.parse(at) >= Date.parse(query.to)) return [];
  const data = event.data as PersonalDataRevealedData;
  return data.applicationIds.flatMap((applicationId, index) =>
    query.applicationId === undefined || applicationId === query.applicationId
      ? [{ entry: { at, principal, applicationId, route: data.route, reason: data.reason }, index }]
      : [],
  );
}

/** Up to CHUNK events from `fromRevision`; none for a day without a reveal (no stream). */
async function readChunk(store: EventStore, stream: string, fromRevision: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream, { fromRevision, toRevision: fromRevision + CHUNK - 1 });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const maxDay = (a: string, b: string): string => (a > b ? a : b);
const minDay = (a: string, b: string): string => (a < b ? a : b);
