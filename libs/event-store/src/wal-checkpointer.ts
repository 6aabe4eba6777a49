import { stat } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  CHECKPOINT_THREAD_SOURCE,
  type CheckpointThreadCommand,
  type CheckpointThreadMessage,
} from './wal-checkpoint-thread.source';

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

/** WAL frames (16 MB) past which the thread asks its owner for a quiet window, so that the WAL starts over. */
export const QUIET_WINDOW_AFTER_PAGES = 4096;
/** New frames few enough (1 MB) for a quiet window to copy: the thread catches up until a pass finds no more. */
export const QUIET_WINDOW_WITHIN_PAGES = 256;
/** Most checkpoints the thread runs to catch up before it asks for a quiet window all the same. */
export const QUIET_WINDOW_CATCH_UP_PASSES = 4;
/** Longest the owner's writes wait in a quiet window: a thread that has not answered by then is not waited for. */
export const QUIET_WINDOW_TIMEOUT_MS = 1000;

/**
 * Runs `checkpoint` while the owner of the file starts no write of its own (its writes wait as
 * promises, never on the event loop), then lets them start again. See CHECKPOINT_THREAD_SOURCE.
 */
export type QuietWindow = (checkpoint: () => Promise<void>) => Promise<void>;

/**
 * Keeps the store's WAL short without stopping the service: SQLite checkpoints (copying the WAL
 * into the database file and syncing both) inside the COMMIT that crosses `wal_autocheckpoint`,
 * which took up to 50 ms of the event loop and 60 % of the commits' time in a measurement. Once
 * this process has appended enough to matter, a worker thread checkpoints instead, and the store's
 * connection keeps only a far backstop. Stores that stay small (tests, tools) never start it. An
 * owner that gives a quiet window (`useQuietWindow`) lets the WAL start over under a steady load,
 * so the backstop is not reached (CHECKPOINT_THREAD_SOURCE).
 */
export class WalCheckpointer {
  private appended = 0;
  private thread: Worker | null = null;
  private closed = false;
  private failed = false;
  private stopWatching: () => void = () => undefined;
  private quietWindow: QuietWindow | null = null;
  /** Ends the quiet window in force, if any. */
  private endQuiet: (() => void) | null = null;

  /**
   * `handOver(true)` when the thread takes over (the connection keeps only the backstop),
   * `handOver(false)` when it failed (the connection checkpoints as before).
   */
  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly handOver: (toThread: boolean) => void,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
    /** WAL frames past which the thread asks for a quiet window (tests set fewer). */
    private readonly quietAfterPages = QUIET_WINDOW_AFTER_PAGES,
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

  /**
   * How the owner holds its writes while the thread checkpoints to start the WAL over; without one
   * the WAL starts over only when a write happens to begin while every frame is copied.
   */
  useQuietWindow(window: QuietWindow): void {
    this.quietWindow = window;
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
    this.endQuiet?.();
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    // Held while it stops: an unreferenced thread's exit does not keep the process alive, and a
    // caller awaiting close() with nothing else pending would see the process end under it.
    thread.ref();
    send(thread, 'stop');
    await exited;
  }

  private start(): void {
    const thread = new Worker(CHECKPOINT_THREAD_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file: this.file,
        busyTimeoutMs: this.busyTimeoutMs,
        intervalMs: this.intervalMs,
        quietAfterPages: this.quietAfterPages,
        quietWithinPages: QUIET_WINDOW_WITHIN_PAGES,
        catchUpPasses: QUIET_WINDOW_CATCH_UP_PASSES,
      },
    });
    thread.unref();
    thread.on('message', (message: CheckpointThreadMessage) => this.heard(thread, message));
    thread.on('error', () => this.fail(thread));
    this.thread = thread;
    this.handOver(true);
  }

  private heard(thread: Worker, message: CheckpointThreadMessage): void {
    if (this.thread !== thread) return;
    if (message.kind === 'quiet-wanted') this.openQuietWindow(thread);
    else if (message.kind === 'quiet-done') this.endQuiet?.();
    else this.fail(thread);
  }

  /** The thread waits for an answer either way: a checkpoint in the window, or none. */
  private openQuietWindow(thread: Worker): void {
    const window = this.quietWindow;
    if (!window) return send(thread, 'no-quiet-window');
    let asked = false;
    void Promise.resolve()
      .then(() =>
        window(() => {
          asked = true;
          return this.checkpointQuietly(thread);
        }),
      )
      .catch(() => undefined)
      .finally(() => {
        if (!asked) send(thread, 'no-quiet-window');
      });
  }

  private checkpointQuietly(thread: Worker): Promise<void> {
    if (this.thread !== thread) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        if (this.endQuiet === end) this.endQuiet = null;
        resolve();
      };
      const timer = setTimeout(end, QUIET_WINDOW_TIMEOUT_MS);
      timer.unref();
      this.endQuiet = end;
      send(thread, 'checkpoint-now');
    });
  }

  /** A checkpoint that failed on the thread: the store's connection checkpoints again, as SQLite does by default. */
  private fail(thread: Worker): void {
    if (this.thread !== thread) return;
    this.failed = true;
    this.thread = null;
    this.endQuiet?.();
    this.handOver(false);
    void thread.terminate();
  }
}

function send(thread: Worker, command: CheckpointThreadCommand): void {
  thread.postMessage(command);
}
