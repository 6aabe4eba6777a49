import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import { HandlerRetiredError, type CatchUpHandler } from './catch-up-worker';
import type { WriteGate } from './write-gate';
import { applyPastCheckpoint, asBatchFailure } from './batch-commit';
import type { OpenBatch, TableNames, VersionedProjection } from './projection';
import { readCheckpoint } from './read-model-database';
import {
  ensureGenerations,
  generationCheckpoint,
  generationTable,
  pointViews,
  readGenerations,
  retiredGenerationTables,
  switchGeneration,
} from '../generations/projection-generations';
import { BulkLoad } from '../generations/bulk-load';
import { runOnThread } from '../generations/schema-thread';

/**
 * Feeds one generation of a versioned projection. Every batch first checks, under the write lock,
 * that its generation is still active or building (else it retires: another one took over). A
 * building generation that reaches the active one's checkpoint becomes active in that same
 * transaction, so readers switch to a generation that has everything the old one showed.
 * A rebuild's generation is a bulk load (generations/bulk-load.ts): filled from position 0 with
 * its primary keys only, its other indexes built once it has caught up, just before it switches.
 * In a file, the index builds and the drop of the generation it replaced run on a thread while the
 * runner's other writers wait at `gate`: neither holds the event loop, however large the tables.
 */
export function generationHandler(
  db: Database.Database,
  projection: VersionedProjection,
  generation: number,
  now: () => string,
  gate: WriteGate,
): CatchUpHandler {
  const checkpoint = generationCheckpoint(projection.name, generation);
  let openBatch: OpenBatch = () => {
    throw new Error(`${checkpoint} handled a batch before it was opened`);
  };
  const tables: TableNames = (base) => generationTable(base, generation);
  const bulkLoad = new BulkLoad(db, projection.tables.map(tables));
  /**
   * Drops the tables of the generations this one replaced, on a thread: after a switch (in memory,
   * the switch dropped them itself), or on opening after a drop that a stop or a crash cut short.
   * The thread skips a table whose generation is in use again; one it fails to drop (the file
   * full, say) only takes space, and is dropped on the next start.
   */
  const dropRetired = () => {
    const jobs = retiredGenerationTables(db, projection).map(({ table, generation: retired }) => ({
      sql: `DROP TABLE IF EXISTS ${table}`,
      unlessLive: { name: projection.name, generation: retired },
    }));
    if (jobs.length === 0) return Promise.resolve();
    return gate.hold(handler, () => runOnThread(db.name, jobs)).catch(() => undefined);
  };
  const activeCheckpoint = () =>
    readCheckpoint(db, generationCheckpoint(projection.name, readGenerations(db, projection.name)?.active ?? 0));
  const commit = db.transaction((batch: readonly RecordedEvent[]) => {
    const current = readGenerations(db, projection.name);
    if (current?.active !== generation && current?.building !== generation) {
      throw new HandlerRetiredError(`${checkpoint} was superseded by generation ${current?.active}`);
    }
    const building = current.building === generation;
    if (building && readCheckpoint(db, checkpoint) === 0) bulkLoad.begin();
    const reached = applyPastCheckpoint(db, checkpoint, batch, openBatch, now());
    if (building && reached >= readCheckpoint(db, generationCheckpoint(projection.name, current.active))) {
      projection.openGeneration(db, tables);
      switchGeneration(db, projection, generation, now(), !db.memory);
      return true;
    }
    return false;
  });
  const handler: CatchUpHandler = {
    name: projection.name,
    open() {
      const stored = db
        .transaction(() => {
          const current = ensureGenerations(db, projection.name);
          openBatch = projection.openGeneration(db, tables);
          if (current.active === generation) pointViews(db, projection.tables, generation);
          return readCheckpoint(db, checkpoint);
        })
        .immediate();
      if (!db.memory) void dropRetired();
      return stored;
    },
    handle(batch: readonly RecordedEvent[]) {
      const commitBatch = (): Promise<void> | void => {
        try {
          if (commit.immediate(batch) && !db.memory) return dropRetired();
        } catch (error) {
          if (error instanceof HandlerRetiredError) throw error;
          throw asBatchFailure(error, batch[0]);
        }
      };
      if (bulkLoad.pending && batch[batch.length - 1].position >= activeCheckpoint())
        return bulkLoad.finish(gate, handler).then(commitBatch);
      return commitBatch();
    },
  };
  return handler;
}
