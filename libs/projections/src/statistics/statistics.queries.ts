import type Database from 'better-sqlite3';
import {
  REPORT_MEASURES,
  fromDayNumber,
  quarterDates,
  toDayNumber,
  weekStartOf,
  type ReportMeasure,
} from '@app/domain';
import { STATISTICS_DAILY_TABLE } from './statistics.projection';

/** H6: the counts of one period. */
export type StatisticCounts = Readonly<Record<ReportMeasure, number>>;
/** H6: a week (Monday to Sunday, Eastern dates) and its counts. */
export type WeekStatistics = Readonly<{ weekStarting: string }> & StatisticCounts;

const zero = (): Record<ReportMeasure, number> => ({
  submitted: 0,
  approved: 0,
  refused: 0,
  withdrawn: 0,
  permitsIssued: 0,
});

/** The counts of each Eastern date from `from` to `to` (both included) that has any. */
function dailyCounts(db: Database.Database, from: string, to: string) {
  return db
    .prepare<[string, string], { day: string; measure: string; count: number }>(
      `SELECT day, measure, count FROM ${STATISTICS_DAILY_TABLE} WHERE day BETWEEN ? AND ?`,
    )
    .all(from, to)
    .filter((row): row is typeof row & { measure: ReportMeasure } =>
      (REPORT_MEASURES as readonly string[]).includes(row.measure),
    );
}

/** The last date a plain date can name: a week that runs past it is read up to it. */
const LAST_DAY = toDayNumber('9999-12-31');

/** H6: every week (Monday–Sunday) that holds a date from `from` to `to`, counted whole, oldest first. */
export function weeklyStatistics(db: Database.Database, from: string, to: string): WeekStatistics[] {
  const weeks = new Map<string, Record<ReportMeasure, number>>();
  const [first, last] = [toDayNumber(weekStartOf(from)), toDayNumber(weekStartOf(to))];
  for (let monday = first; monday <= last; monday += 7) weeks.set(fromDayNumber(monday), zero());
  for (const { day, measure, count } of dailyCounts(
    db,
    fromDayNumber(first),
    fromDayNumber(Math.min(last + 6, LAST_DAY)),
  )) {
    (weeks.get(weekStartOf(day)) as Record<ReportMeasure, number>)[measure] += count;
  }
  return [...weeks].map(([weekStarting, counts]) => ({ weekStarting, ...counts }));
}

/** H6: the counts of a calendar quarter (Eastern dates). */
export function quarterlyStatistics(db: Database.Database, year: number, quarter: number): StatisticCounts {
  const { from, to } = quarterDates(year, quarter);
  const counts = zero();
  for (const { measure, count } of dailyCounts(db, from, to)) counts[measure] += count;
  return counts;
}
