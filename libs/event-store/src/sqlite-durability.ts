import type Database from 'better-sqlite3';
import {
  BACKSTOP_CHECKPOINT_PAGES,
  EVENT_LOG_CHECKPOINT_INTERVAL_MS,
  WalCheckpointer,
  type QuietWindow,
} from './wal-checkpointer';
import { WalSync, type FlushToDisk } from './wal-sync';

/** SQLite's default `wal_autocheckpoint`, which the connection keeps until a checkpoint thread takes over. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export type SqliteDurabilityOptions = Readonly<{
  filePath: string;
  busyTimeoutMs: number;
  flushToDisk?: FlushToDisk;
  /** The log's last position now (read on the store's connection). */
  head: () => number;
  /** How the store holds its appends while the checkpoint thread lets the WAL start over. */
  quietWindow: QuietWindow;
}>;

/**
 * When the event log's commits are on disk, kept off the event loop (docs/architecture.md): the
 * WAL's fsync after each group commit (WalSync), what is known to be synced for the readers, and
 * the WAL's checkpoints on a thread of their own (WalCheckpointer). Without WAL (an in-memory
 * database) COMMIT syncs by itself and there is nothing to do.
 */
export class SqliteDurability {
  private readonly walSync: WalSync | null;
  private readonly checkpointer: WalCheckpointer | null;
  /** Every event up to this position is known to be on disk. */
  private durableUpTo = 0;
  /** The sync that follows the last group commit, and the head position it covers. */
  private syncInFlight: Readonly<{ covers: number; done: Promise<void> }> | null = null;

  constructor(
    db: Database.Database,
    wal: boolean,
    private readonly options: SqliteDurabilityOptions,
  ) {
    this.walSync = wal ? new WalSync(`${options.filePath}-wal`, options.flushToDisk) : null;
    this.checkpointer = wal
      ? new WalCheckpointer(
          options.filePath,
          options.busyTimeoutMs,
          (toThread) =>
            db.pragma(`wal_autocheckpoint = ${toThread ? BACKSTOP_CHECKPOINT_PAGES : SQLITE_AUTOCHECKPOINT_PAGES}`),
          EVENT_LOG_CHECKPOINT_INTERVAL_MS,
        )
      : null;
    this.checkpointer?.useQuietWindow(options.quietWindow);
  }

  /**
   * After a group's COMMIT of `events` events, the last at position `covers` (this connection's
   * last commit): resolves once they are on disk. The sync starts after the COMMIT, so it covers
   * every event up to there.
   */
  committed(events: number, covers: number): Promise<void> {
    this.checkpointer?.wrote(events);
    if (!this.walSync) return Promise.resolve();
    const done = this.walSync.sync();
    this.syncInFlight = { covers, done };
    void done.then(
      () => (this.durableUpTo = Math.max(this.durableUpTo, covers)),
      () => undefined,
    );
    return done;
  }

  /**
   * Resolves once every event up to `position` is on disk: at once if known to be, with the sync
   * in flight if it covers it (this process's commit), else with a new sync, which covers the
   * whole log up to the head read before it (another process's commit, or the log as found at
   * start: a catch-up from position 0 syncs once, not once per page).
   */
  async onDisk(position: number): Promise<void> {
    if (!this.walSync || position <= this.durableUpTo) return;
    const inFlight = this.syncInFlight;
    if (inFlight && position <= inFlight.covers) return inFlight.done;
    const covers = this.options.head();
    await this.walSync.sync();
    this.durableUpTo = Math.max(this.durableUpTo, covers);
  }

  async close(): Promise<void> {
    await this.walSync?.close();
    await this.checkpointer?.close();
  }
}
