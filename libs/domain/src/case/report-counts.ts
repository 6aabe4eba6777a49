import { easternDateOf } from '../dates/instant';
import { daysInMonth, fromDayNumber, toDayNumber, type PlainDate } from '../dates/plain-date';
import type { ApplicationEvent } from './events';

/** H6: what the weekly and quarterly reports count, one event each. */
export const REPORT_MEASURES = ['submitted', 'approved', 'refused', 'withdrawn', 'permitsIssued'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

/** H6: one counted event: the Eastern date it counts on (T1) and what it counts as. */
export type CountedEvent = Readonly<{ date: PlainDate; measure: ReportMeasure }>;

type Counting = { [T in ApplicationEvent['type']]?: (event: Extract<ApplicationEvent, { type: T }>) => CountedEvent };

const COUNTING: Counting = {
  ApplicationReceived: ({ data }) => ({ date: data.receivedOn, measure: 'submitted' }),
  ApplicationApproved: ({ data }) => ({ date: easternDateOf(data.decidedAt), measure: 'approved' }),
  ApplicationRefused: ({ data }) => ({ date: easternDateOf(data.decidedAt), measure: 'refused' }),
  ApplicationWithdrawn: ({ data }) => ({ date: easternDateOf(data.withdrawnAt), measure: 'withdrawn' }),
  WorkPermitIssued: ({ data }) => ({ date: data.permit.issuedOn, measure: 'permitsIssued' }),
};

/**
 * H6, T1: the measure an event counts in, on its Eastern date: every receipt (principals and family
 * members alike) on its `receivedOn`; every decision on the Eastern date of `decidedAt` — decisions
 * are counted as made, so one set aside under R7 and the new one both count, and so does a family
 * member's refusal with its principal (M7); a withdrawal on that of `withdrawnAt`; a permit on its
 * `issuedOn` (a later cancellation does not take it back). Nothing else counts.
 */
export function countedEvent(event: ApplicationEvent): CountedEvent | null {
  const count = COUNTING[event.type] as ((counted: ApplicationEvent) => CountedEvent) | undefined;
  return count ? count(event) : null;
}

/** H6: the Monday that starts the reporting week (Monday to Sunday) of `date` (1970-01-01 was a Thursday). */
export function weekStartOf(date: PlainDate): PlainDate {
  const day = toDayNumber(date);
  return fromDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}

/** H6: the first and last dates of a calendar quarter (1 is January to March). */
export function quarterDates(year: number, quarter: number): Readonly<{ from: PlainDate; to: PlainDate }> {
  const month = (n: number) => `${String(year).padStart(4, '0')}-${String(n).padStart(2, '0')}`;
  const lastMonth = quarter * 3;
  return { from: `${month(lastMonth - 2)}-01`, to: `${month(lastMonth)}-${daysInMonth(year, lastMonth)}` };
}
