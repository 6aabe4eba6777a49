import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import { HandlerRetiredError, type CatchUpHandler } from './catch-up-worker';
import { applyPastCheckpoint, asBatchFailure } from './batch-commit';
import type { OpenBatch, VersionedProjection } from './projection';
import { readCheckpoint } from './read-model-database';
import {
  ensureGenerations,
  generationCheckpoint,
  generationTable,
  pointViews,
  readGenerations,
  switchGeneration,
} from '../generations/projection-generations';

/**
 * Feeds one generation of a versioned projection. Every batch first checks, under the write lock,
 * that its generation is still active or building (else it retires: another one took over). A
 * building generation that reaches the active one's checkpoint becomes active in that same
 * transaction, so readers switch to a generation that has everything the old one showed.
 */
export function generationHandler(
  db: Database.Database,
  projection: VersionedProjection,
  generation: number,
  now: () => string,
): CatchUpHandler {
  const checkpoint = generationCheckpoint(projection.name, generation);
  let openBatch: OpenBatch = () => {
    throw new Error(`${checkpoint} handled a batch before it was opened`);
  };
  const commit = db.transaction((batch: readonly RecordedEvent[]) => {
    const current = readGenerations(db, projection.name);
    if (current?.active !== generation && current?.building !== generation) {
      throw new HandlerRetiredError(`${checkpoint} was superseded by generation ${current?.active}`);
    }
    const reached = applyPastCheckpoint(db, checkpoint, batch, openBatch, now());
    const activeCheckpoint = readCheckpoint(db, generationCheckpoint(projection.name, current.active));
    if (current.building === generation && reached >= activeCheckpoint)
      switchGeneration(db, projection, generation, now());
  });
  return {
    name: projection.name,
    open() {
      return db
        .transaction(() => {
          const current = ensureGenerations(db, projection.name);
          openBatch = projection.openGeneration(db, (base) => generationTable(base, generation));
          if (current.active === generation) pointViews(db, projection.tables, generation);
          return readCheckpoint(db, checkpoint);
        })
        .immediate();
    },
    handle(batch: readonly RecordedEvent[]) {
      try {
        commit.immediate(batch);
      } catch (error) {
        if (error instanceof HandlerRetiredError) throw error;
        throw asBatchFailure(error, batch[0]);
      }
    },
  };
}
