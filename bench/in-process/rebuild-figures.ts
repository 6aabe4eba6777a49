import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { EventStore } from '@app/event-store';
import {
  READ_MODEL_PROJECTIONS,
  ProjectionRunner,
  openReadModelDatabase,
  readModelCheckpoints,
} from '@app/projections';

export type RebuildFigures = Readonly<{
  events: number;
  /** Reading every row in position order and parsing its data and metadata, by hand: the ceiling of any rebuild. */
  rawScan: number;
  /** A new generation of each read model, fed from position 0 while the current one serves (the admin rebuild). */
  rebuild: Readonly<Record<string, number>>;
  /**
   * The same rates per second of this process's CPU time (user + system): less sensitive than the
   * wall clock to other jobs on a shared machine, and the ratio of the two is the rebuild's share.
   */
  rawScanPerCpuSecond: number;
  rebuildPerCpuSecond: Readonly<Record<string, number>>;
  /** The longest the event loop was held during each rebuild, in ms: how long a request could wait. */
  rebuildLongestStallMs: Readonly<Record<string, number>>;
}>;

const HOUR_MS = 3_600_000;
const seconds = (started: number) => (performance.now() - started) / 1000;
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

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
 * while the current one serves, as `POST /v1/admin/projections/{name}/rebuild` does. The read
 * models' WAL is checkpointed as the service does it (on a thread once it grows: `readModelCheckpoints`).
 */
export async function rebuildFigures(
  store: EventStore,
  eventsFile: string,
  readModelsFile: string,
  batchSize: number,
): Promise<RebuildFigures> {
  const head = await store.headPosition();
  let started = performance.now();
  let startedCpu = cpuSeconds();
  const scanned = rawScan(eventsFile);
  const rawScanRate = scanned / seconds(started);
  const rawScanPerCpuSecond = scanned / (cpuSeconds() - startedCpu);

  const db = openReadModelDatabase(readModelsFile);
  const checkpoints = readModelCheckpoints(db);
  const runner = new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, () => new Date().toISOString(), { batchSize });
  try {
    runner.start();
    await runner.waitFor(head, HOUR_MS);
    const rebuild: Record<string, number> = {};
    const rebuildPerCpuSecond: Record<string, number> = {};
    const rebuildLongestStallMs: Record<string, number> = {};
    for (const name of runner.rebuildable()) {
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      started = performance.now();
      startedCpu = cpuSeconds();
      const { rebuild: building } = await runner.rebuild(name);
      await runner.waitForGeneration(name, building?.generation ?? 0, HOUR_MS);
      rebuild[name] = head / seconds(started);
      rebuildPerCpuSecond[name] = head / (cpuSeconds() - startedCpu);
      stalls.disable();
      rebuildLongestStallMs[name] = Math.round(stalls.max / 1e6);
    }
    return {
      events: scanned,
      rawScan: rawScanRate,
      rebuild,
      rawScanPerCpuSecond,
      rebuildPerCpuSecond,
      rebuildLongestStallMs,
    };
  } finally {
    await runner.stop();
    await checkpoints?.close();
    db.close();
  }
}
