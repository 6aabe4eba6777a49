import { stat } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Events this process appends (a few MB of WAL) before it starts checkpointing on a thread of its own. */
export const CHECKPOINT_THREAD_AFTER_EVENTS = 2000;
/** How often a checkpoint thread copies the WAL into its database file, unless told otherwise: the read models'. */
export const CHECKPOINT_INTERVAL_MS = 250;
/**
 * The event log's interval. Each checkpoint ends with an fsync of the database file, and on a large
 * store (random index pages all over the file) that fsync takes ~12 ms and queues with the WAL's
 * fdatasync that every acknowledged append waits for (its p90 went from 0.7 ms on an empty store to
 * 14.7 ms on a 400k-event one). Every 2 s: an eighth of the fsyncs, each page rewritten meanwhile
 * copied once, a WAL of a few tens of MB at most. Submissions on a 300k-event store, 10 s each,
 * alternated six times at load ~8: 250 ms 90–347/s (median ~225), 2 s 98–571/s (median ~354), 2 s
 * ahead in five of the six pairs. The read models keep 250 ms: a rebuild on the event loop writes
 * their WAL fast enough that at 2 s its longest stall doubled (intake-ledger 22–27 → 50–85 ms,
 * statistics 31–35 → 69–92 ms on 300k events, two runs each).
 */
export const EVENT_LOG_CHECKPOINT_INTERVAL_MS = 2000;
/**
 * Pages of WAL past which the store's own connection still checkpoints, on the event loop: only
 * reached if the checkpoint thread cannot keep up or has failed, so the WAL never grows unbounded.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 25_000;

/**
 * The checkpoint thread: its own connection to the file, a PASSIVE checkpoint every interval
 * (never blocks a writer or a reader; copies what it can). `eval`, so that it runs the same from
 * the TypeScript sources and the build. Exits when told to stop.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error && error.message)); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * Keeps the store's WAL short without stopping the service: SQLite checkpoints (copying the WAL
 * into the database file and syncing both) inside the COMMIT that crosses `wal_autocheckpoint`,
 * which took up to 50 ms of the event loop and 60 % of the commits' time in a measurement. Once
 * this process has appended enough to matter, a worker thread checkpoints instead, and the store's
 * connection keeps only a far backstop. Stores that stay small (tests, tools) never start it.
 */
export class WalCheckpointer {
  private appended = 0;
  private thread: Worker | null = null;
  private closed = false;
  private failed = false;
  private stopWatching: () => void = () => undefined;

  /**
   * `handOver(true)` when the thread takes over (the connection keeps only the backstop),
   * `handOver(false)` when it failed (the connection checkpoints as before).
   */
  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly handOver: (toThread: boolean) => void,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {}

  /** Counts the events a commit wrote; starts the thread once the total crosses the threshold. */
  wrote(events: number): void {
    if (this.thread || this.closed || this.failed) return;
    this.appended += events;
    if (this.appended >= CHECKPOINT_THREAD_AFTER_EVENTS) this.start();
  }

  /**
   * For a database written from many places (the read models): looks at the WAL file's size every
   * `everyMs` (asynchronously) and starts the thread once it reaches `thresholdBytes`.
   */
  watch(walPath: string, thresholdBytes: number, everyMs = 1000): void {
    const timer = setInterval(
      () =>
        stat(walPath, (error, stats) => {
          if (error || stats.size < thresholdBytes || this.thread || this.closed || this.failed) return;
          clearInterval(timer);
          this.start();
        }),
      everyMs,
    );
    timer.unref();
    this.stopWatching = () => clearInterval(timer);
  }

  get running(): boolean {
    return this.thread !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching();
    const thread = this.thread;
    if (!thread) return;
    this.thread = null;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    // Held while it stops: an unreferenced thread's exit does not keep the process alive, and a
    // caller awaiting close() with nothing else pending would see the process end under it.
    thread.ref();
    thread.postMessage('stop');
    await exited;
  }

  private start(): void {
    const thread = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: this.file,
        busyTimeoutMs: this.busyTimeoutMs,
        intervalMs: this.intervalMs,
      },
    });
    thread.unref();
    thread.on('message', () => this.fail(thread));
    thread.on('error', () => this.fail(thread));
    this.thread = thread;
    this.handOver(true);
  }

  /** A checkpoint that failed on the thread: the store's connection checkpoints again, as SQLite does by default. */
  private fail(thread: Worker): void {
    if (this.thread !== thread) return;
    this.failed = true;
    this.thread = null;
    this.handOver(false);
    void thread.terminate();
  }
}
