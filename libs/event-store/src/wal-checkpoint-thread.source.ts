/** What the checkpoint thread tells its owner. */
export type CheckpointThreadMessage =
  | Readonly<{ kind: 'failed'; message: string }>
  /** The WAL has grown past `quietAfterPages` frames without starting over: asks for a quiet window. */
  | Readonly<{ kind: 'quiet-wanted' }>
  /** The checkpoint asked for in a quiet window is done (whether or not it copied every frame). */
  | Readonly<{ kind: 'quiet-done' }>;

/** What the owner tells the checkpoint thread. */
export type CheckpointThreadCommand = 'checkpoint-now' | 'no-quiet-window' | 'stop';

/**
 * The checkpoint thread: its own connection to the file, a PASSIVE checkpoint every interval
 * (never blocks a writer or a reader; copies what it can). `eval`, so that it runs the same from
 * the TypeScript sources and the build. Exits when told to stop.
 *
 * A PASSIVE checkpoint copies the frames written before it started, but SQLite starts the WAL over
 * (writes it again from its first frame) only when a writer begins while every frame has been
 * copied. Under a steady load the owner commits while the checkpoint runs, so that never happens:
 * the WAL grew to the backstop and the owner's own connection then checkpointed inside a COMMIT on
 * the event loop (100–180 ms for the event log, 30–40 ms for the read models, every few seconds
 * on a 300k-event store under submissions). So once the WAL holds `quietAfterPages` frames the
 * thread asks for a quiet window: the owner starts no write of its own until told, the thread
 * checkpoints again (the few frames written meanwhile, then the syncs) and says so; the owner's
 * next write then starts the WAL over. Before it asks, it checkpoints again (at most
 * `catchUpPasses` times) until a pass finds at most `quietWithinPages` new frames, so that the
 * window itself copies little: a window that copied the frames of a whole interval held the
 * owner's writes for 35–115 ms. While it waits for the window (the read models' may wait for a
 * rebuild's index build) it keeps checkpointing at its interval.
 */
export const CHECKPOINT_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
let waitingForQuiet = false;
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
const failed = (error) => parentPort.postMessage({ kind: 'failed', message: String(error && error.message) });
const round = () => {
  try {
    let { log } = checkpoint();
    if (waitingForQuiet || !(workerData.quietAfterPages > 0 && log >= workerData.quietAfterPages)) return;
    for (let pass = 0; pass < workerData.catchUpPasses; pass++) {
      const before = log;
      ({ log } = checkpoint());
      if (log < workerData.quietAfterPages) return;
      if (log - before <= workerData.quietWithinPages) break;
    }
    waitingForQuiet = true;
    parentPort.postMessage({ kind: 'quiet-wanted' });
  } catch (error) { failed(error); }
};
const timer = setInterval(round, workerData.intervalMs);
parentPort.on('message', (command) => {
  if (command === 'checkpoint-now') {
    try { checkpoint(); } catch (error) { failed(error); }
    waitingForQuiet = false;
    parentPort.postMessage({ kind: 'quiet-done' });
    return;
  }
  if (command === 'no-quiet-window') { waitingForQuiet = false; return; }
  clearInterval(timer);
  try { checkpoint(); } catch (error) { failed(error); }
  db.close();
  parentPort.close();
});
`;
