import { POLICY } from '../policy/policy';
import { isPlainDate, type PlainDate } from './plain-date';

/** A moment in time as a UTC ISO-8601 timestamp, e.g. `2024-05-02T14:03:00Z` (T1). */
export type Instant = string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp with an explicit zone (`Z` or an offset), so it names one moment. */
export function isInstant(value: unknown): value is Instant {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isPlainDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function epochMillisOf(instant: Instant): number {
  if (!isInstant(instant)) throw new TypeError(`Not an ISO-8601 instant: ${String(instant)}`);
  return Date.parse(instant);
}

/** Negative when `a` is earlier than `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return epochMillisOf(a) - epochMillisOf(b);
}

/** The instant `hours` later, written in UTC. */
export function addHours(instant: Instant, hours: number): Instant {
  return new Date(epochMillisOf(instant) + hours * 3_600_000).toISOString();
}

const easternCalendar = new Intl.DateTimeFormat('en-US', {
  timeZone: POLICY.easternTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The last instant asked for and its date: a decision asks for the date of the same instant
 * several times (receipt: the received-on date, the screening context, the cap year), and the
 * time-zone lookup is most of what it costs.
 */
let lastEastern: Readonly<{ instant: Instant; date: PlainDate }> | null = null;

function easternDateAt(epochMillis: number): PlainDate {
  const parts = easternCalendar.formatToParts(epochMillis);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const HOUR_MS = 3_600_000;
/** Most UTC hours whose eastern date is remembered (a pure function's memo: 1,024 short strings). */
const REMEMBERED_HOURS = 1024;
/** Eastern date of each remembered UTC hour (its epoch hour number) that falls on one date from start to end. */
const datesOfHours = new Map<number, PlainDate>();

/**
 * The calendar date in America/Toronto on which `instant` falls (T1, C3). Formatting in a time
 * zone is the costly part of a submission's date rules, and whole UTC hours fall on one eastern
 * date (the zone's offsets are whole hours): an hour whose first and last millisecond fall on
 * the same date is remembered, any other is computed each time.
 */
export function easternDateOf(instant: Instant): PlainDate {
  if (lastEastern?.instant === instant) return lastEastern.date;
  const millis = epochMillisOf(instant);
  const hour = Math.floor(millis / HOUR_MS);
  let date = datesOfHours.get(hour);
  if (date === undefined) {
    date = easternDateAt(millis);
    if (easternDateAt(hour * HOUR_MS) === date && easternDateAt(hour * HOUR_MS + HOUR_MS - 1) === date) {
      if (datesOfHours.size >= REMEMBERED_HOURS) datesOfHours.clear();
      datesOfHours.set(hour, date);
    }
  }
  lastEastern = { instant, date };
  return date;
}

/** The calendar year in America/Toronto in which `instant` falls (C3: the cap year). */
export function easternYearOf(instant: Instant): number {
  return Number(easternDateOf(instant).slice(0, 4));
}
