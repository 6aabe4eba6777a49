import type Database from 'better-sqlite3';
import { CASE_VIEW_TABLE } from './case-view.projection';

/** The receipts awaiting their intake number, as the case view knows them. */
export type UnnumberedReceipts = Readonly<{
  count: number;
  /** Those the log recorded before the `overdueAt` asked about. */
  overdue: number;
  /** When the log recorded the oldest one; null when there is none. */
  oldestSince: string | null;
}>;

/** Reads the unnumbered receipts through the partial index (the view over the active generation). */
export class UnnumberedReceiptQueries {
  /** Prepared on first use: the view it reads is created when the projections start. */
  private statement?: Database.Statement<
    [string],
    { count: number; overdue: number | null; oldestSince: string | null }
  >;

  constructor(private readonly db: Database.Database) {}

  summary(overdueAt: string): UnnumberedReceipts {
    this.statement ??= this.db.prepare(
      `SELECT count(*) AS count, sum(unnumbered_since < ?) AS overdue, min(unnumbered_since) AS oldestSince
       FROM ${CASE_VIEW_TABLE} WHERE unnumbered_since IS NOT NULL`,
    );
    const row = this.statement.get(overdueAt)!;
    return { count: row.count, overdue: row.overdue ?? 0, oldestSince: row.oldestSince };
  }
}
