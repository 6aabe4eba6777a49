import type Database from 'better-sqlite3';
import { BACKSTOP_CHECKPOINT_PAGES, CHECKPOINT_INTERVAL_MS, WalCheckpointer } from '@app/event-store';
import { READ_MODEL_CHECKPOINT_PAGES } from './read-model-database';

/** WAL size at which the read models' checkpoints move to a thread of their own. */
const THREAD_AFTER_WAL_BYTES = 16 * 1024 * 1024;
/**
 * WAL frames (48 MB) past which their thread asks the runner for a quiet window (its gate closed
 * while the last frames are copied, so that the next batch starts the WAL over). Under submissions
 * the read models write ~10,000 pages a second: at the event log's 4,096 the workers were held
 * every ~0.5 s, 8–63 ms each time.
 */
const QUIET_WINDOW_AFTER_PAGES = 12_288;

/**
 * The read models' WAL checkpointed on a worker thread once it has grown past a few MB: their
 * batches commit on the event loop, and a checkpoint inside one of those commits (copying up to
 * READ_MODEL_CHECKPOINT_PAGES pages and syncing the file) stopped the service for tens of ms.
 * The runner gives it its quiet windows once started (`ProjectionRunner.whileQuiet`). Null for an
 * in-memory database. Close it before the database.
 */
export function readModelCheckpoints(db: Database.Database): WalCheckpointer | null {
  if (db.memory) return null;
  const checkpoints = new WalCheckpointer(
    db.name,
    5000,
    (toThread) =>
      db.pragma(`wal_autocheckpoint = ${toThread ? BACKSTOP_CHECKPOINT_PAGES : READ_MODEL_CHECKPOINT_PAGES}`),
    CHECKPOINT_INTERVAL_MS,
    QUIET_WINDOW_AFTER_PAGES,
  );
  checkpoints.watch(`${db.name}-wal`, THREAD_AFTER_WAL_BYTES);
  return checkpoints;
}
