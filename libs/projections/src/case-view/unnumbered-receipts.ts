import type Database from 'better-sqlite3';
import { createIndex } from '../generations/generation-indexes';
import { capForYear, type ApplicationState } from '@app/domain';

/**
 * An unnumbered receipt: a received application that counts against its year's cap (C2: a
 * principal, in a year that has a cap) and has no intake number yet (C3). Intake numbering gives
 * it one within moments; one that stays unnumbered means no process numbers this log.
 */
export function awaitsIntakeNumber(state: ApplicationState): boolean {
  return (
    state.status !== 'new' &&
    state.countsAgainstCap &&
    state.intake === null &&
    state.intakeYear !== null &&
    capForYear(state.intakeYear) !== null
  );
}

/**
 * `unnumbered_since`: when the log recorded the receipt, while it awaits its number; null
 * otherwise. Added to an existing generation without a rebuild: the rows already unnumbered are
 * filled in once, from their receipt time (the log's own time of a row written before is not
 * kept). The partial index holds only those rows, so counting them costs nothing.
 */
export function addUnnumberedSince(db: Database.Database, table: string, deferred?: ReadonlySet<string>): void {
  const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
  if (!columns.some((column) => column.name === 'unnumbered_since')) {
    db.exec(`ALTER TABLE ${table} ADD COLUMN unnumbered_since TEXT`);
    const candidates = db
      .prepare<[], { id: string; state: string; receivedAt: string }>(
        `SELECT application_id AS id, state, received_at AS receivedAt FROM ${table}
         WHERE status IS NOT NULL AND json_extract(state, '$.intake') IS NULL`,
      )
      .all();
    const mark = db.prepare<[string, string]>(`UPDATE ${table} SET unnumbered_since = ? WHERE application_id = ?`);
    for (const row of candidates)
      if (awaitsIntakeNumber(JSON.parse(row.state) as ApplicationState)) mark.run(row.receivedAt, row.id);
  }
  createIndex(
    db,
    `CREATE INDEX IF NOT EXISTS ${table}_unnumbered ON ${table} (unnumbered_since) WHERE unnumbered_since IS NOT NULL`,
    deferred,
  );
}
