/**
 * A process that runs the read models over a SQLite store, for the crash tests:
 *   node -r scripts/swc-register.js projection-runner.child.ts EVENTS_DB READ_MODELS_DB BATCH STALL_AFTER
 * With STALL_AFTER > 0 the applied-log projection blocks for good, inside its batch transaction,
 * on the STALL_AFTER-th event it applies, after printing `stalled <position>`: the test kills it
 * there. With 0 it runs until it has read the whole log, prints `caught-up <head>` and exits.
 */
import { writeSync } from 'node:fs';
import { SqliteEventStore } from '@app/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { openReadModelDatabase } from '../runner/read-model-database';
import { versionedProjection } from '../generations/versioned-projection';
import { READ_MODEL_PROJECTIONS } from '../read-models';
import { appliedLogProjection } from './applied-log.projection';

const [eventsFile, readModelsFile, batchSize, stallAfter] = process.argv.slice(2);

let applied = 0;
const stallingLog = versionedProjection({
  ...appliedLogProjection,
  openBatches(db, table) {
    const openBatch = appliedLogProjection.openBatches(db, table);
    return () => {
      const applier = openBatch();
      return {
        apply(event) {
          applier.apply(event);
          if (++applied !== Number(stallAfter)) return;
          writeSync(1, `stalled ${event.position}\n`);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        },
        finish: applier.finish,
      };
    };
  },
});

async function main(): Promise<void> {
  const store = new SqliteEventStore(eventsFile);
  const db = openReadModelDatabase(readModelsFile);
  const runner = new ProjectionRunner(
    store,
    db,
    [...READ_MODEL_PROJECTIONS, stallingLog],
    () => new Date().toISOString(),
    {
      batchSize: Number(batchSize),
    },
  );
  runner.start();
  const head = await store.headPosition();
  await runner.waitFor(head, 30_000);
  await runner.stop();
  await store.close();
  db.close();
  writeSync(1, `caught-up ${head}\n`);
}

main().catch((error: Error) => {
  writeSync(2, `${error.stack}\n`);
  process.exit(1);
});
