import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import { PoisonEventError, messageOf } from './catch-up-worker';
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
  for (const event of batch) {
    if (event.position <= stored) continue;
    try {
      applier.apply(event);
    } catch (error) {
      if (isBusy(error)) throw error;
      throw new PoisonEventError(event, messageOf(error));
    }
  }
  applier.finish();
  const reached = Math.max(stored, batch[batch.length - 1].position);
  writeCheckpoint(db, checkpoint, reached, now);
  return reached;
}

/**
 * The read-model file, not the event, is at fault: locked by someone else, full, read-only or
 * failing I/O. The worker retries from its checkpoint with a backoff instead of failing for good,
 * and recovers by itself once the disk has room or the file is writable again.
 */
export const isBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN)/.test(String((error as { code?: unknown })?.code ?? ''));
