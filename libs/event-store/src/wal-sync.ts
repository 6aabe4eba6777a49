import { closeSync, fdatasync, openSync } from 'node:fs';
import { StoreUnavailableError } from './event-store.errors';

/** Flushes a file's data to the disk; `fs.fdatasync` runs it on libuv's thread pool, not the event loop. */
export type FlushToDisk = (fd: number) => Promise<void>;

const fdatasyncOnThreadPool: FlushToDisk = (fd) =>
  new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

const settleQuietly = (): void => undefined;

/**
 * The fsync of the event log's write-ahead log, off the event loop. SQLite's `synchronous=FULL`
 * fsyncs the WAL inside COMMIT, and better-sqlite3 is synchronous, so every group commit used to
 * stop the whole service for the length of an fsync. The store's connection commits with
 * `synchronous=NORMAL` (the WAL is written but not synced) and then calls `sync()`; it answers the
 * appends only once that resolves, so an acknowledged append is on disk exactly as with FULL.
 * `fdatasync` of the WAL file covers every frame written to it before the call, whoever wrote it
 * (Linux syncs the file, not the descriptor), and SQLite's recovery keeps the longest run of valid
 * frames: a synced commit survives a power loss, and what a loss takes is a suffix of
 * unacknowledged commits. The WAL file keeps its inode while any connection is open (SQLite
 * deletes it only when the last one closes), so the descriptor opened once stays valid.
 *
 * Syncs coalesce: a call while one is running waits for the next one, which starts when the
 * running one ends and covers every commit made until then.
 */
export class WalSync {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly walPath: string,
    private readonly flush: FlushToDisk = fdatasyncOnThreadPool,
  ) {}

  /** Resolves once everything written to the WAL before this call is on disk. */
  sync(): Promise<void> {
    if (this.running === null) return this.begin();
    this.queued ??= this.running.then(settleQuietly, settleQuietly).then(() => {
      this.queued = null;
      return this.begin();
    });
    return this.queued;
  }

  /** Waits for the syncs in flight, then closes the descriptor. */
  async close(): Promise<void> {
    await this.queued?.catch(settleQuietly);
    await this.running?.catch(settleQuietly);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private begin(): Promise<void> {
    const run = Promise.resolve()
      .then(() => this.flush(this.descriptor()))
      .catch((error: unknown) => {
        throw new StoreUnavailableError(
          `the event store could not sync its write-ahead log to disk (${(error as Error).message}); what was being appended may be stored: retry with the same Idempotency-Key`,
          { cause: error },
        );
      })
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }

  private descriptor(): number {
    this.fd ??= openSync(this.walPath, 'r');
    return this.fd;
  }
}
