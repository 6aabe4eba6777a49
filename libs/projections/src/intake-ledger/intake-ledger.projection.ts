import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { eventByEvent, type ApplyEvent } from '../runner/projection';
import { createIndex } from '../generations/generation-indexes';
import { versionedProjection } from '../generations/versioned-projection';

/** What readers query: a view over the active generation's table. */
export const INTAKE_LEDGER_TABLE = 'intake_ledger_v1';
/**
 * H5: when each year's cap was reached. A table of its own rather than a change to the ledger's:
 * `IntakeCapReached` is a new event, so a generation created before this table existed has
 * nothing to put in it, and no rebuild is needed.
 */
export const INTAKE_CAP_REACHED_TABLE = 'intake_cap_reached_v1';

function createTable(db: Database.Database, table: string, deferred?: ReadonlySet<string>): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    application_id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    within_cap INTEGER NOT NULL,
    closed_over_cap TEXT)`);
  createIndex(db, `CREATE INDEX IF NOT EXISTS ${table}_year ON ${table} (year)`, deferred);
}

function createCapReachedTable(db: Database.Database, table: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    year INTEGER PRIMARY KEY,
    reached_at TEXT NOT NULL,
    application_id TEXT NOT NULL)`);
}

function applier(db: Database.Database, table: string, capReachedTable: string): ApplyEvent {
  const insert = db.prepare(`INSERT OR IGNORE INTO ${table} VALUES (?, ?, ?, ?, NULL)`);
  const close = db.prepare(`UPDATE ${table} SET closed_over_cap = ? WHERE application_id = ?`);
  const reached = db.prepare(`INSERT OR IGNORE INTO ${capReachedTable} VALUES (?, ?, ?)`);
  return (event: RecordedEvent) => {
    const applicationId = applicationIdOf(event);
    if (!applicationId) return;
    if (event.type === 'IntakeNumberAssigned') {
      const { year, number, withinCap } = event.data as { year: number; number: number; withinCap: boolean };
      insert.run(applicationId, year, number, withinCap ? 1 : 0);
    } else if (event.type === 'ApplicationCancelledOverCap' || event.type === 'ApplicationReturnedOverCap') {
      close.run(event.type === 'ApplicationCancelledOverCap' ? 'cancelled' : 'returned', applicationId);
    } else if (event.type === 'IntakeCapReached') {
      const { year, reachedAt } = event.data as { year: number; reachedAt: string };
      reached.run(year, reachedAt, applicationId);
    }
  };
}

/**
 * One row per numbered application (C1–C4): its year, number, whether it is within the cap and
 * how over-cap handling closed it; one row per year whose cap was reached (H5). Keyed by
 * application id and year, so applying an event twice changes nothing.
 */
export const intakeLedgerProjection = versionedProjection({
  name: 'intake-ledger',
  tables: [INTAKE_LEDGER_TABLE, INTAKE_CAP_REACHED_TABLE],
  createTables(db, table, deferred) {
    createTable(db, table(INTAKE_LEDGER_TABLE), deferred);
    createCapReachedTable(db, table(INTAKE_CAP_REACHED_TABLE));
  },
  openBatches: (db, table) => eventByEvent(applier(db, table(INTAKE_LEDGER_TABLE), table(INTAKE_CAP_REACHED_TABLE))),
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
  /** H5: the receipt that brought the within-cap count to the cap, null until then. */
  capReachedAt: string | null;
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
    .get(year) as Omit<IntakeLedger, 'year' | 'cap' | 'capReachedAt'>;
  const reached = db
    .prepare(`SELECT reached_at AS reachedAt FROM ${INTAKE_CAP_REACHED_TABLE} WHERE year = ?`)
    .get(year) as { reachedAt: string } | undefined;
  return { year, cap, ...row, capReachedAt: reached?.reachedAt ?? null };
}

/** The application that holds an intake number (C3): one per year and number, null when none does. */
export type IntakeNumberHolder = Readonly<{ year: number; number: number; applicationId: string; withinCap: boolean }>;

/** `GET /v1/intake/{year}/numbers/{number}`: which application took a number, from the ledger rows. */
export function intakeNumberHolder(db: Database.Database, year: number, number: number): IntakeNumberHolder | null {
  const row = db
    .prepare(
      `SELECT application_id AS applicationId, within_cap AS withinCap FROM ${INTAKE_LEDGER_TABLE} WHERE year = ? AND number = ?`,
    )
    .get(year, number) as { applicationId: string; withinCap: number } | undefined;
  return row ? { year, number, applicationId: row.applicationId, withinCap: row.withinCap === 1 } : null;
}
