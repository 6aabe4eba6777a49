import type Database from 'better-sqlite3';
import { isSqliteUnavailable, type RecordedEvent } from '@app/event-store';
import { PoisonEventError, messageOf } from './catch-up-handler';
import type { OpenBatch } from './projection';
import { readCheckpoint, writeCheckpoint } from './read-model-database';

/**
 * Applies the batch's events that lie past the stored checkpoint and moves the checkpoint, in
 * the caller's transaction. Re-reading the checkpoint under the write lock is what makes "never
 * twice" hold even when another process feeds the same checkpoint. Returns the new checkpoint.
 */
export function applyPastCheckpoint(
  db: Database.Database,
  checkpoint: string,
  batch: readonly RecordedEvent[],
  openBatch: OpenBatch,
  now: string,
): number {
  const stored = readCheckpoint(db, checkpoint);
  const applier = openBatch();
  let applied: RecordedEvent | undefined;
  for (const event of batch) {
    if (event.position <= stored) continue;
    try {
      applier.apply(event);
    } catch (error) {
      throw asBatchFailure(error, event);
    }
    applied = event;
  }
  try {
    applier.finish();
  } catch (error) {
    throw asBatchFailure(error, applied ?? batch[batch.length - 1]);
  }
  const reached = Math.max(stored, batch[batch.length - 1].position);
  writeCheckpoint(db, checkpoint, reached, now);
  return reached;
}

/**
 * A failure of the read-model file (locked by someone else, full, read-only, failing I/O) goes
 * through as it is: the worker retries from its checkpoint with a backoff instead of failing for
 * good, and recovers by itself once the file is writable again. Anything else is the event's: a
 * poison event, named (a projection that writes in `finish` names the event itself).
 */
export function asBatchFailure(error: unknown, event: RecordedEvent): unknown {
  if (error instanceof PoisonEventError || isSqliteUnavailable(error)) return error;
  return new PoisonEventError(event, messageOf(error));
}
