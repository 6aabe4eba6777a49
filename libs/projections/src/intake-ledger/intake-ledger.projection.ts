import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { eventByEvent, type ApplyEvent } from '../runner/projection';
import { versionedProjection } from '../generations/versioned-projection';

/** What readers query: a view over the active generation's table. */
export const INTAKE_LEDGER_TABLE = 'intake_ledger_v1';

function createTable(db: Database.Database, table: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    application_id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    within_cap INTEGER NOT NULL,
    closed_over_cap TEXT)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}_year ON ${table} (year)`);
}

function applier(db: Database.Database, table: string): ApplyEvent {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${table} VALUES (?, ?, ?, ?, NULL)`);
  const close = db.prepare(`UPDATE ${table} SET closed_over_cap = ? WHERE application_id = ?`);
  return (event: RecordedEvent) => {
    const applicationId = applicationIdOf(event);
    if (!applicationId) return;
    if (event.type === 'IntakeNumberAssigned') {
      const { year, number, withinCap } = event.data as { year: number; number: number; withinCap: boolean };
      insert.run(applicationId, year, number, withinCap ? 1 : 0);
    } else if (event.type === 'ApplicationCancelledOverCap' || event.type === 'ApplicationReturnedOverCap') {
      close.run(event.type === 'ApplicationCancelledOverCap' ? 'cancelled' : 'returned', applicationId);
    }
  };
}

/**
 * One row per numbered application (C1–C4): its year, number, whether it is within the cap and
 * how over-cap handling closed it. Keyed by application id, so applying an event twice changes nothing.
 */
export const intakeLedgerProjection = versionedProjection({
  name: 'intake-ledger',
  tables: [INTAKE_LEDGER_TABLE],
  openGeneration(db, table) {
    createTable(db, table(INTAKE_LEDGER_TABLE));
    return eventByEvent(applier(db, table(INTAKE_LEDGER_TABLE)));
  },
});

const applicationIdOf = (event: RecordedEvent): string | null =>
  event.streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`)
    ? event.streamName.slice(APPLICATION_STREAM_CATEGORY.length + 1)
    : null;

export type IntakeLedger = Readonly<{
  year: number;
  cap: number | null;
  counted: number;
  withinCap: number;
  overCap: number;
  cancelledOverCap: number;
  returnedOverCap: number;
}>;

/** `GET /v1/intake/{year}`: the year's counts from the ledger rows. */
export function intakeLedgerOf(db: Database.Database, year: number, cap: number | null): IntakeLedger {
  const row = db
    .prepare(
      `SELECT count(*) AS counted,
         coalesce(sum(within_cap), 0) AS withinCap,
         coalesce(sum(1 - within_cap), 0) AS overCap,
         coalesce(sum(closed_over_cap = 'cancelled'), 0) AS cancelledOverCap,
         coalesce(sum(closed_over_cap = 'returned'), 0) AS returnedOverCap
       FROM ${INTAKE_LEDGER_TABLE} WHERE year = ?`,
    )
    .get(year) as Omit<IntakeLedger, 'year' | 'cap'>;
  return { year, cap, ...row };
}
