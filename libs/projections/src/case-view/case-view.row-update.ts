import type Database from 'better-sqlite3';
import { toApplicationListing, type ApplicationState } from '@app/domain';
import { awaitsIntakeNumber } from './unnumbered-receipts';

/**
 * The indexed columns of a case-view row, where `caseViewRow` puts their values; `unnumbered_since`
 * (indexed too) is handled apart, since it keeps the first receipt time it stored.
 */
const INDEXED = [
  { column: 'status', at: 4 },
  { column: 'intake_year', at: 5 },
  { column: 'routing', at: 6 },
  { column: 'principal_application_id', at: 8 },
  { column: 'information_queue', at: 9 },
] as const;
const UNNUMBERED_AT = 10;
const UNNUMBERED_BIT = 1 << INDEXED.length;

/** A stored row's indexed values as its state gives them (`caseViewRow`'s order), and whether it awaits its number. */
export type IndexedValues = Readonly<{ values: readonly unknown[]; unnumbered: boolean }>;

/** What `caseViewRow` derived for the indexed columns of a row stored with `state`. */
export function indexedValuesOf(state: ApplicationState): IndexedValues {
  const listing = toApplicationListing(state);
  const values: unknown[] = [];
  values[4] = listing?.status ?? null;
  values[5] = listing?.intakeYear ?? null;
  values[6] = listing?.routing ?? null;
  values[8] = listing?.principalApplicationId ?? null;
  values[9] = listing?.informationQueue ?? null;
  return { values, unnumbered: awaitsIntakeNumber(state) };
}

/**
 * The update of a row the table holds, setting its indexed columns only where their values change:
 * SQLite rewrites an index's entry for every column an UPDATE sets, changed or not, and each
 * index entry of a random application id sits on a page of its own. On a store of 400,000 events
 * a submission's rows rewrote the family and information indexes' pages 6.5 times (of 24 pages
 * written to the read models' WAL), though a principal's row never changes either column.
 * The columns no index holds (revision, position, state, received_at) are always set.
 * `row` is `caseViewRow`'s; returns false when the table does not hold the row (nothing written).
 */
export function caseViewRowUpdate(
  db: Database.Database,
  table: string,
): (row: readonly unknown[], stored: IndexedValues) => boolean {
  const statements = new Map<number, Database.Statement<unknown[]>>();
  const statementFor = (changed: number) => {
    let statement = statements.get(changed);
    if (!statement) {
      const sets = ['revision = ?', 'position = ?', 'state = ?', 'received_at = ?'];
      INDEXED.forEach(({ column }, bit) => {
        if (changed & (1 << bit)) sets.push(`${column} = ?`);
      });
      if (changed & UNNUMBERED_BIT)
        sets.push('unnumbered_since = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(unnumbered_since, ?) END');
      statement = db.prepare<unknown[]>(`UPDATE ${table} SET ${sets.join(', ')} WHERE application_id = ?`);
      statements.set(changed, statement);
    }
    return statement;
  };
  return (row, stored) => {
    const parameters = [row[1], row[2], row[3], row[7]];
    let changed = 0;
    INDEXED.forEach(({ at }, bit) => {
      if (row[at] === stored.values[at]) return;
      changed |= 1 << bit;
      parameters.push(row[at]);
    });
    if ((row[UNNUMBERED_AT] !== null) !== stored.unnumbered) {
      changed |= UNNUMBERED_BIT;
      parameters.push(row[UNNUMBERED_AT], row[UNNUMBERED_AT]);
    }
    parameters.push(row[0]);
    return statementFor(changed).run(parameters).changes === 1;
  };
}
