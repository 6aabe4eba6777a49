import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import { HandlerRetiredError, type CatchUpHandler } from './catch-up-handler';
import type { WriteGate } from './write-gate';
import { applyPastCheckpoint, asBatchFailure } from './batch-commit';
import type { OpenBatch, TableNames, VersionedProjection } from './projection';
import { readCheckpoint } from './read-model-database';
import {
  type Generations,
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
import { RowWriterRetiredError } from '../generations/row-writer';
import { RANGE_PAGES, rebuilding, type Rebuilding } from '../generations/rebuilding';

/**
 * Feeds one generation of a versioned projection. Every batch first checks, under the write lock,
 * that its generation is still active or building (else it retires: another one took over). A
 * building generation that reaches the active one's checkpoint becomes active in that same
 * transaction, so readers switch to a generation that has everything the old one showed.
 * A rebuild's generation is a bulk load (generations/bulk-load.ts): filled from position 0 with
 * its primary keys only (and its unique indexes, unless the fold's threads find their rows by
 * rowid), its other indexes built once it has caught up, just before it switches; after a restart
 * too, as the handler opens its tables without the indexes the load dropped.
 * In a file, the index builds and the drop of the generation it replaced run on a thread while the
 * runner's other writers wait at `gate`: neither holds the event loop, however large the tables.
 * So do a rebuild's folds and row writes, for a projection with a row fold (generations/rebuilding.ts):
 * past its first batch, each batch is folded on a thread and written on another while the next ones are read.
 */
export function generationHandler(
  db: Database.Database,
  projection: VersionedProjection,
  generation: number,
  now: () => string,
  gate: WriteGate,
  /** The SQLite event log's file, when the store is one: a rebuild's fold thread reads its ranges itself. */
  eventsFile?: string,
): CatchUpHandler {
  const checkpoint = generationCheckpoint(projection.name, generation);
  let openBatch: OpenBatch = () => {
    throw new Error(`${checkpoint} handled a batch before it was opened`);
  };
  const tables: TableNames = (base) => generationTable(base, generation);
  const bulkLoad = new BulkLoad(db, projection.tables.map(tables));
  const loadsWithoutKeys = projection.rowFoldModule?.loadsWithoutKeys === true;
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
  /** Whether the generation was being built when the handler opened it or last committed a batch. */
  let building = false;
  const activeCheckpoint = () =>
    readCheckpoint(db, generationCheckpoint(projection.name, readGenerations(db, projection.name)?.active ?? 0));
  const commit = db.transaction((batch: readonly RecordedEvent[]) => {
    const current = readGenerations(db, projection.name);
    if (current?.active !== generation && current?.building !== generation) {
      throw new HandlerRetiredError(`${checkpoint} was superseded by generation ${current?.active}`);
    }
    building = current.building === generation;
    if (building && readCheckpoint(db, checkpoint) === 0) bulkLoad.begin(rebuild !== null && loadsWithoutKeys);
    const reached = applyPastCheckpoint(db, checkpoint, batch, openBatch, now());
    if (building && reached >= readCheckpoint(db, generationCheckpoint(projection.name, current.active))) {
      projection.createTables(db, tables);
      bulkLoad.forget();
      switchGeneration(db, projection, generation, now(), !db.memory);
      building = false;
      return true;
    }
    return false;
  });
  /**
   * A bulk load resumed without its keys: the catch-up's statements need them, so they are prepared
   * at the first batch, which builds the keys first (commitOnEventLoop). A rebuild's fold, which
   * finds its rows without them, takes the batches instead (startRebuild).
   */
  const batchesOnceKeyed: OpenBatch = () => {
    openBatch = projection.openBatches(db, tables);
    return openBatch();
  };
  /** While this generation is rebuilt in a file by a projection with a row fold: its batches' pipeline. */
  let rebuild: Rebuilding | null = null;
  const startRebuild = (current: Generations) => {
    if (current.building !== generation || db.memory || !projection.openRowFold || !projection.rowFoldModule) return;
    if (rebuild?.pipeline.broken) {
      void rebuild.pipeline.close();
      rebuild = null;
    }
    rebuild ??= rebuilding(db, projection.openRowFold(db, tables), projection.rowFoldModule, {
      projection,
      tables,
      generation,
      checkpoint,
      gate,
      holder: handler,
      eventsFile,
    });
    openBatch = rebuild.openBatch;
  };
  /** On the event loop, through the gate: the first batch after opening (a bulk load's begins there), and the one that switches. */
  const commitOnEventLoop = async (batch: readonly RecordedEvent[]): Promise<void> => {
    await rebuild?.drain();
    const reachesActive = (building || bulkLoad.pending) && batch[batch.length - 1].position >= activeCheckpoint();
    // Before a switch, the indexes of a bulk load that another process began (a rebuild by the CLI) too.
    if (reachesActive && building && !bulkLoad.pending) bulkLoad.resume();
    if (reachesActive && bulkLoad.pending) await bulkLoad.finish(gate, handler);
    // Past the first batch, a fold that finds its rows by rowid would read every id of the table
    // here: the keys are built first (on a thread), and the folds go on by key.
    if (bulkLoad.keysPending && readCheckpoint(db, checkpoint) > 0) await bulkLoad.finish(gate, handler, true);
    const switched = await gate.through(handler, () => {
      try {
        const done = commit.immediate(batch);
        rebuild?.committed(readCheckpoint(db, checkpoint));
        return done;
      } catch (error) {
        rebuild?.fold.reset();
        if (error instanceof HandlerRetiredError) throw error;
        throw asBatchFailure(error, batch[0]);
      }
    });
    if (!switched) return;
    const finished = rebuild;
    rebuild = null;
    openBatch = projection.openBatches(db, tables);
    await finished?.pipeline.close();
    if (!db.memory) await dropRetired();
  };
  const handler: CatchUpHandler = {
    name: projection.name,
    gatesItself: true,
    open() {
      const stored = db
        .transaction(() => {
          const current = ensureGenerations(db, projection.name);
          const at = readCheckpoint(db, checkpoint);
          building = current.building === generation;
          if (building && at > 0) bulkLoad.resume();
          projection.createTables(db, tables, bulkLoad.deferredNames);
          openBatch = bulkLoad.keysPending ? batchesOnceKeyed : projection.openBatches(db, tables);
          if (current.active === generation) pointViews(db, projection.tables, generation);
          startRebuild(current);
          return at;
        })
        .immediate();
      rebuild?.restarted(stored);
      if (!db.memory) void dropRetired();
      return stored;
    },
    async handle(batch: readonly RecordedEvent[]) {
      const pipelined = rebuild?.ready && batch[batch.length - 1].position < activeCheckpoint() ? rebuild : null;
      try {
        await (pipelined ? pipelined.send(batch, now()) : commitOnEventLoop(batch));
      } catch (error) {
        if (error instanceof RowWriterRetiredError) throw new HandlerRetiredError(error.message);
        throw error;
      }
    },
    /**
     * Past its first batch, below the active checkpoint, a rebuild's fold threads read the log
     * themselves, up to RANGE_PAGES pages of it at a time.
     */
    async handleRange(after, bound, limit, passedOver) {
      const end = Math.min(bound, activeCheckpoint());
      if (!rebuild?.readsLog || !rebuild.ready || after + limit >= end) return null;
      const to = Math.min(after + limit * RANGE_PAGES, end - 1);
      try {
        await rebuild.sendRange(to, passedOver, now());
      } catch (error) {
        if (error instanceof RowWriterRetiredError) throw new HandlerRetiredError(error.message);
        throw error;
      }
      return to;
    },
    /** While it is being built, its events up to the active generation's checkpoint are read in bulk. */
    readsBelow() {
      return readGenerations(db, projection.name)?.building === generation ? activeCheckpoint() : 0;
    },
    async close() {
      const finished = rebuild;
      rebuild = null;
      await finished?.pipeline.close();
    },
  };
  return handler;
}
