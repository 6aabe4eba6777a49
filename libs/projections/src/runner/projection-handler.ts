import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import type { CatchUpHandler } from './catch-up-handler';
import { applyPastCheckpoint, asBatchFailure } from './batch-commit';
import { eventByEvent, type Projection } from './projection';
import { readCheckpoint } from './read-model-database';

/**
 * Applies a batch to a projection and moves its checkpoint in one SQLite transaction, taken with
 * the write lock up front (`BEGIN IMMEDIATE`) so that it never fails half-way on another writer.
 */
export function projectionHandler(db: Database.Database, projection: Projection, now: () => string): CatchUpHandler {
  const openBatch = eventByEvent((event) => projection.apply(db, event));
  const commit = db.transaction((batch: readonly RecordedEvent[]) =>
    applyPastCheckpoint(db, projection.name, batch, openBatch, now()),
  );
  const applyOne = db.transaction((event: RecordedEvent) => projection.apply(db, event));
  return {
    name: projection.name,
    open() {
      projection.setup(db);
      return readCheckpoint(db, projection.name);
    },
    handle(batch: readonly RecordedEvent[]) {
      try {
        commit.immediate(batch);
      } catch (error) {
        throw asBatchFailure(error, batch[0]);
      }
    },
    /** Applies one parked event late, leaving the checkpoint where it is (the projection's apply is idempotent). */
    retry(event: RecordedEvent) {
      try {
        applyOne.immediate(event);
      } catch (error) {
        throw asBatchFailure(error, event);
      }
    },
  };
}
