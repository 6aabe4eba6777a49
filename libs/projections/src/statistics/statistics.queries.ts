import type Database from 'better-sqlite3';
import { addDays, daysInMonth, fromDayNumber, toDayNumber } from '@app/domain';
import { STATISTIC_MEASURES, STATISTICS_DAILY_TABLE, type StatisticMeasure } from './statistics.projection';

/** H6: the counts of one period. */
export type StatisticCounts = Readonly<Record<StatisticMeasure, number>>;
/** H6: a week (Monday to Sunday, Eastern dates) and its counts. */
export type WeekStatistics = Readonly<{ weekStarting: string }> & StatisticCounts;

const zero = (): Record<StatisticMeasure, number> => ({
  submitted: 0,
  approved: 0,
  refused: 0,
  withdrawn: 0,
  permitsIssued: 0,
});

/** The Monday on or before `date` (1970-01-01, day 0, was a Thursday). */
export function mondayOf(date: string): string {
  const day = toDayNumber(date);
  return fromDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}

/** The counts of each Eastern date from `from` to `to` (both included) that has any. */
function dailyCounts(db: Database.Database, from: string, to: string) {
  return db
    .prepare<[string, string], { day: string; measure: string; count: number }>(
      `SELECT day, measure, count FROM ${STATISTICS_DAILY_TABLE} WHERE day BETWEEN ? AND ?`,
    )
    .all(from, to)
    .filter((row): row is typeof row & { measure: StatisticMeasure } =>
      (STATISTIC_MEASURES as readonly string[]).includes(row.measure),
    );
}

/** H6: every week (Monday–Sunday) that holds a date from `from` to `to`, counted whole, oldest first. */
export function weeklyStatistics(db: Database.Database, from: string, to: string): WeekStatistics[] {
  const weeks = new Map<string, Record<StatisticMeasure, number>>();
  const last = mondayOf(to);
  for (let monday = mondayOf(from); monday <= last; monday = addDays(monday, 7)) weeks.set(monday, zero());
  for (const { day, measure, count } of dailyCounts(db, mondayOf(from), addDays(last, 6))) {
    (weeks.get(mondayOf(day)) as Record<StatisticMeasure, number>)[measure] += count;
  }
  return [...weeks].map(([weekStarting, counts]) => ({ weekStarting, ...counts }));
}

/** The first and last Eastern dates of a calendar quarter (1–4). */
export function quarterDates(year: number, quarter: number): Readonly<{ from: string; to: string }> {
  const month = (n: number) => `${String(year).padStart(4, '0')}-${String(n).padStart(2, '0')}`;
  const lastMonth = quarter * 3;
  return { from: `${month(lastMonth - 2)}-01`, to: `${month(lastMonth)}-${daysInMonth(year, lastMonth)}` };
}

/** H6: the counts of a calendar quarter (Eastern dates). */
export function quarterlyStatistics(db: Database.Database, year: number, quarter: number): StatisticCounts {
  const { from, to } = quarterDates(year, quarter);
  const counts = zero();
  for (const { measure, count } of dailyCounts(db, from, to)) counts[measure] += count;
  return counts;
}
