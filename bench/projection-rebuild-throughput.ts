/**
 * Rebuild throughput of the read models on a large SQLite event store, on its own (the full suite,
 * `npm run bench`, measures the same figures among the others).
 *   npm run bench:rebuild -- [--events 1000000] [--dir DIR] [--batch 500]
 * Writes DIR/events.db with the suite's generator (whole families decided by the domain, hash
 * chains included: bench/store/fill-store.ts), or reuses it when it is already there. Then it
 * measures, in the same run: a raw scan of every row with JSON.parse (the ceiling), then (after a
 * first catch-up of both read models into an empty file) a rebuild of each read model into a new
 * generation while the current one serves. A DIR it created is removed at the end.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '@app/event-store';
import { rebuildFigures } from './in-process/rebuild-figures';
import { fillStore } from './store/fill-store';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    dir: { type: 'string' },
    batch: { type: 'string', default: '500' },
  },
});
const rate = (eventsPerSecond: number) => `${Math.round(eventsPerSecond).toLocaleString('en')} events/s`;

async function main(dir: string): Promise<void> {
  const file = join(dir, 'events.db');
  if (!existsSync(file)) {
    const filled = await fillStore(file, Number(values.events));
    console.log(
      `store: wrote ${filled.events.toLocaleString('en')} events in ${filled.seconds.toFixed(1)} s (${file})`,
    );
  }
  const store = new SqliteEventStore(file);
  try {
    const figures = await rebuildFigures(store, file, join(dir, 'bench-read-models.db'), Number(values.batch));
    console.log(`${figures.events.toLocaleString('en')} events, batch ${values.batch}, node ${process.version}`);
    const perCpu = (eventsPerCpuSecond: number) => `${Math.round(eventsPerCpuSecond).toLocaleString('en')} per CPU-s`;
    console.log(
      `raw scan + JSON.parse (ceiling):              ${rate(figures.rawScan)} (${perCpu(figures.rawScanPerCpuSecond)})`,
    );
    for (const [name, eventsPerSecond] of Object.entries(figures.rebuild)) {
      const cpu = figures.rebuildPerCpuSecond[name];
      console.log(
        `rebuild of ${name.padEnd(13)} while it serves:    ${rate(eventsPerSecond)} (×${(eventsPerSecond / figures.rawScan).toFixed(3)}; ` +
          `${perCpu(cpu)}, ×${(cpu / figures.rawScanPerCpuSecond).toFixed(3)}; longest event-loop stall ${figures.rebuildLongestStallMs[name]} ms)`,
      );
    }
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `bench-read-models.db${suffix}`), { force: true });
  }
}

const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'rebuild-bench-'));
main(dir)
  .catch((error: Error) => {
    console.error(error.stack);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  });
