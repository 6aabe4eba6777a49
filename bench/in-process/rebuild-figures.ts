import Database from 'better-sqlite3';
import type { EventStore } from '@app/event-store';
import { READ_MODEL_PROJECTIONS, ProjectionRunner, openReadModelDatabase } from '@app/projections';

export type RebuildFigures = Readonly<{
  events: number;
  /** Reading every row in position order and parsing its data and metadata, by hand: the ceiling of any rebuild. */
  rawScan: number;
  /** A new generation of each read model, fed from position 0 while the current one serves (the admin rebuild). */
  rebuild: Readonly<Record<string, number>>;
}>;

const HOUR_MS = 3_600_000;
const seconds = (started: number) => (performance.now() - started) / 1000;

function rawScan(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    let parsed = 0;
    for (const [data, metadata] of db
      .prepare('SELECT data, metadata FROM events ORDER BY position')
      .raw()
      .iterate() as Iterable<[string, string]>) {
      if (JSON.parse(data) && JSON.parse(metadata)) parsed++;
    }
    return parsed;
  } finally {
    db.close();
  }
}

/**
 * Rebuild throughput through the projections' public API (ProjectionRunner), against a raw scan of
 * the same rows. `readModelsFile` may hold read models already (the service's, after its first
 * start): the runner then resumes them, and each rebuild feeds a new generation from position 0
 * while the current one serves, as `POST /v1/admin/projections/{name}/rebuild` does.
 */
export async function rebuildFigures(
  store: EventStore,
  eventsFile: string,
  readModelsFile: string,
  batchSize: number,
): Promise<RebuildFigures> {
  const head = await store.headPosition();
  let started = performance.now();
  const scanned = rawScan(eventsFile);
  const rawScanRate = scanned / seconds(started);

  const db = openReadModelDatabase(readModelsFile);
  const runner = new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, () => new Date().toISOString(), { batchSize });
  try {
    runner.start();
    await runner.waitFor(head, HOUR_MS);
    const rebuild: Record<string, number> = {};
    for (const name of runner.rebuildable()) {
      started = performance.now();
      const { rebuild: building } = await runner.rebuild(name);
      await runner.waitForGeneration(name, building?.generation ?? 0, HOUR_MS);
      rebuild[name] = head / seconds(started);
    }
    return { events: scanned, rawScan: rawScanRate, rebuild };
  } finally {
    await runner.stop();
    db.close();
  }
}
