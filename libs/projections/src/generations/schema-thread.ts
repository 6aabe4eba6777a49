import { Worker } from 'node:worker_threads';

/** How long the thread's connection waits for SQLite's write lock, as the service's own connection does. */
const BUSY_TIMEOUT_MS = 5_000;
/** The thread's page cache: index sorts run in it (the service's read-model connection has the same). */
const CACHE_KIB = 32 * 1024;

/**
 * The thread: its own connection to the read-model file, each job in a transaction of its own
 * (taken with the write lock up front), then closed. A job with `unlessLive` is skipped when that
 * generation is active or building by then (the generations row is read in the same transaction).
 * `eval`, so that it runs the same from the TypeScript sources and the build. Answers `{ done }`
 * after each job, or `{ error }` and stops.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -' + workerData.cacheKib);
  if (workerData.mmapBytes) db.pragma('mmap_size = ' + workerData.mmapBytes);
  const live = db.prepare('SELECT active, building FROM projection_generations WHERE name = ?');
  for (const job of workerData.jobs) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const row = job.unlessLive ? live.get(job.unlessLive.name) : undefined;
      const generation = job.unlessLive ? job.unlessLive.generation : null;
      if (!row || (row.active !== generation && row.building !== generation)) db.exec(job.sql);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
    parentPort.postMessage({ done: job.sql });
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error), code: error && error.code });
} finally {
  if (db) db.close();
}
`;

/** One statement for the thread; `unlessLive` names the generation it must leave alone if it is (again) in use. */
export type SchemaJob = Readonly<{ sql: string; unlessLive?: Readonly<{ name: string; generation: number }> }>;

type ThreadMessage = Readonly<{ done?: string; error?: string; code?: string }>;

/** A statement the schema thread could not run: its SQLite error code and message, as the connection gave them. */
export class SchemaThreadError extends Error {
  override readonly name = 'SchemaThreadError';

  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Runs schema statements that touch a whole table (an index build sorts all its rows, a DROP
 * TABLE visits all its pages) against the SQLite file on a worker thread with a connection of its
 * own, so that they never hold the event loop. Resolves once they are all committed; `onDone`
 * hears of each. Rejects with the thread's error: the ones before it stay committed.
 */
export function runOnThread(
  file: string,
  jobs: readonly SchemaJob[],
  onDone: (sql: string) => void = () => undefined,
  /** Reads the file through a memory map of up to this many bytes (0: none). */
  mmapBytes = 0,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    const thread = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file,
        jobs,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        cacheKib: CACHE_KIB,
        mmapBytes,
      },
    });
    thread.on('message', (message: ThreadMessage) => {
      if (message.done !== undefined) onDone(message.done);
      else failure = new SchemaThreadError(message.error ?? 'the schema thread failed', message.code);
    });
    thread.on('error', (error) => (failure ??= error));
    thread.on('exit', (code) => {
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`the schema thread exited with code ${code}`));
      else resolve();
    });
  });
}
