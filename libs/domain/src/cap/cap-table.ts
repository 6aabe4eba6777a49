/** C1: a cap in force for every calendar year from `fromYear` until the next row. */
export type CapRow = Readonly<{ fromYear: number; cap: number }>;

/** C1 [OFF]: 14,700 applications in 2022, 7,350 in each year from 2023. Add a row to change a later year. */
export const CAP_TABLE: readonly CapRow[] = [
  { fromYear: 2022, cap: 14_700 },
  { fromYear: 2023, cap: 7_350 },
];

/** C1: the cap of an (Eastern) calendar year, or null before the program existed. */
export function capForYear(year: number, table: readonly CapRow[] = CAP_TABLE): number | null {
  return table.reduce<number | null>((cap, row) => (row.fromYear <= year ? row.cap : cap), null);
}
