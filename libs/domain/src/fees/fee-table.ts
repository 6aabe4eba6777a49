import { isBefore, type PlainDate } from '../dates/plain-date';

/** The fees in force from a date on, in CAD ($1, $2). */
export type FeeSchedule = Readonly<{
  effectiveFrom: PlainDate;
  processing: number;
  openWorkPermitHolder: number;
  biometrics: number;
  /** $2: restoration of status, owed only when restoring. */
  restoration: number;
}>;

/**
 * $1 [OFF] and $2 [news sources], oldest first. A new row takes effect on its date; add rows
 * rather than editing old ones, so past receipts keep the fees they were charged.
 */
export const FEE_TABLE: readonly FeeSchedule[] = [
  { effectiveFrom: '2022-05-24', processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 229 },
  { effectiveFrom: '2024-12-01', processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 239.75 },
  { effectiveFrom: '2025-12-01', processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 246.25 },
];

/** The schedule in force on `date`; dates before the first row use the first row. */
export function feeScheduleOn(date: PlainDate, table: readonly FeeSchedule[] = FEE_TABLE): FeeSchedule {
  const [first, ...later] = table;
  if (!first) throw new RangeError('The fee table is empty');
  return later.reduce((inForce, row) => (isBefore(date, row.effectiveFrom) ? inForce : row), first);
}
