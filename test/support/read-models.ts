import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '@app/event-store';
import {
  CASE_VIEW_TABLE,
  INTAKE_LEDGER_TABLE,
  ProjectionRunner,
  READ_MODEL_PROJECTIONS,
  READ_MODELS_FILE,
  openReadModelDatabase,
} from '@app/projections';

/**
 * The rows of the read models a service served from `dataDir` that differ from a rebuild from
 * position 0 into a new database in `rebuildDir`, row by row; a table the service left empty is a
 * difference too, so two empty tables never pass as equal.
 */
export async function readModelDifferences(store: EventStore, dataDir: string, rebuildDir: string): Promise<string[]> {
  const rebuilt = openReadModelDatabase(join(rebuildDir, READ_MODELS_FILE));
  const served = new Database(join(dataDir, READ_MODELS_FILE));
  try {
    const runner = new ProjectionRunner(store, rebuilt, READ_MODEL_PROJECTIONS, () => new Date().toISOString());
    runner.start();
    try {
      await runner.waitFor(await store.headPosition(), 30_000);
    } finally {
      await runner.stop();
    }
    return [CASE_VIEW_TABLE, INTAKE_LEDGER_TABLE].flatMap((table) => {
      const rows = (db: Database.Database) =>
        new Map(
          (db.prepare(`SELECT * FROM ${table}`).all() as { application_id: string }[]).map((row) => [
            row.application_id,
            JSON.stringify(row),
          ]),
        );
      const [servedRows, rebuiltRows] = [rows(served), rows(rebuilt)];
      if (servedRows.size === 0) return [`${table}: no rows served`];
      const ids = new Set([...servedRows.keys(), ...rebuiltRows.keys()]);
      return [...ids]
        .filter((id) => servedRows.get(id) !== rebuiltRows.get(id))
        .map((id) => `${table} ${id}: served ${servedRows.get(id)} rebuilt ${rebuiltRows.get(id)}`);
    });
  } finally {
    served.close();
    rebuilt.close();
  }
}
