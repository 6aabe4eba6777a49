import type Database from 'better-sqlite3';
import { versionedProjection } from '../generations/versioned-projection';
import { caseViewBatches } from './case-view.batches';
import { caseViewRowFold } from './case-view.row-fold';
import { createIndex } from '../generations/generation-indexes';
import { addUnnumberedSince } from './unnumbered-receipts';
import { addCaseViewKey } from './case-view.key';

/** What readers query: a view over the active generation's table. */
export const CASE_VIEW_TABLE = 'case_view_v1';

/**
 * The family and information indexes hold only the rows they find (a family member's, a case in
 * an information queue), which their queries' `column = ?` implies: a principal's row, most of the
 * table, is then neither inserted nor rewritten in them. On a store of 400,000 events this took
 * the read models' WAL from 18.4 to 15.8 pages a submission and SQLite's page reads from 7.8 to
 * 5.4 (bench/probe measurement). A generation created with the full indexes keeps them (same
 * answers) until it is rebuilt: building them again would hold the start for seconds on a large table.
 */
const PARTIAL = (column: string) => `WHERE ${column} IS NOT NULL`;

/**
 * `state` is the decider's state as JSON; the `ApplicationView` is derived from it on read (it is
 * a cheap function of the state), so each change writes the state once and not a second copy.
 * The other columns are what the work queues filter on, and `principal_application_id` the family
 * index (M7, M11: an index added to an existing generation, no rebuild needed); `status` is null
 * before receipt. `information_queue` (H2) is the work queue of a received case waiting on a request.
 * The key on `application_id` is a unique index of its own, which a rebuild's bulk load may drop
 * while it fills the table (case-view.key.ts). `deferred`: the indexes a resumed bulk load builds itself.
 */
function createTable(db: Database.Database, table: string, deferred?: ReadonlySet<string>): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    application_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    status TEXT,
    intake_year INTEGER,
    routing TEXT,
    received_at TEXT,
    principal_application_id TEXT)`);
  addCaseViewKey(db, table, deferred);
  createIndex(
    db,
    `CREATE INDEX IF NOT EXISTS ${table}_queue ON ${table} (status, intake_year, routing, application_id)`,
    deferred,
  );
  createIndex(
    db,
    `CREATE INDEX IF NOT EXISTS ${table}_family ON ${table} (principal_application_id, application_id) ${PARTIAL('principal_application_id')}`,
    deferred,
  );
  addInformationQueue(db, table, deferred);
  addUnnumberedSince(db, table, deferred);
}

/**
 * H2: the information work queue of a received case, added to an existing generation without a
 * rebuild: no event before H2 opened a request, so every row it finds is rightly null.
 */
function addInformationQueue(db: Database.Database, table: string, deferred?: ReadonlySet<string>): void {
  const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
  if (!columns.some((column) => column.name === 'information_queue'))
    db.exec(`ALTER TABLE ${table} ADD COLUMN information_queue TEXT`);
  createIndex(
    db,
    `CREATE INDEX IF NOT EXISTS ${table}_information ON ${table} (information_queue, application_id) ${PARTIAL('information_queue')}`,
    deferred,
  );
}

/**
 * One row per application: the decider's state folded from its stream (so the view is the
 * same function of the events as a point-in-time replay), with the columns the work queues filter on.
 */
export const caseViewProjection = versionedProjection({
  name: 'case-view',
  tables: [CASE_VIEW_TABLE],
  createTables(db, table, deferred) {
    createTable(db, table(CASE_VIEW_TABLE), deferred);
  },
  openBatches: (db, table) => caseViewBatches(db, table(CASE_VIEW_TABLE)),
  openRowFold: (db, table) => caseViewRowFold(db, table(CASE_VIEW_TABLE)),
  rowFoldModule: {
    module: require.resolve('./case-view.row-fold'),
    exportName: caseViewRowFold.name,
    byStream: true,
    loadsWithoutKeys: true,
  },
});
