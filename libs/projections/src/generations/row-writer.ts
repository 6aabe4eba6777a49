import { type MessagePort, Worker } from 'node:worker_threads';
import { BACKSTOP_CHECKPOINT_PAGES } from '@app/event-store';
import { SchemaThreadError } from './schema-thread';

/** How long the thread's connection waits for SQLite's write lock, as the service's own connection does. */
const BUSY_TIMEOUT_MS = 5_000;
const CACHE_KIB = 32 * 1024;

/**
 * The thread: its own connection to the read-model file; each batch in one transaction taken with
 * the write lock up front, which first checks that the generation is still active or building and
 * that the checkpoint is where the batch starts (else nothing is written: `retired`, `moved`),
 * then writes the rows and moves the checkpoint. A batch without rows takes those the fold's
 * threads sent under its id (fold-thread.ts), one part from each, waiting until all have arrived;
 * rows of lower ids were never to be written (their batch failed) and are let go. `eval`, so that it
 * runs the same from the TypeScript sources and the build. It answers every batch and stays up
 * after a failed one.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -' + workerData.cacheKib);
db.pragma('wal_autocheckpoint = ' + workerData.walPages);
const generations = db.prepare('SELECT active, building FROM projection_generations WHERE name = ?');
const stored = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').pluck();
const checkpoint = db.prepare(
  'INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (?, ?, ?) ' +
    'ON CONFLICT(name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at');
const row = db.prepare(workerData.sql);
const folded = new Map();
const parts = workerData.rowsPorts.length;
let waiting = null;
for (const port of workerData.rowsPorts) {
  port.on('message', ({ id, rows }) => {
    folded.set(id, [...(folded.get(id) ?? []), rows]);
    if (waiting && waiting.id === id) take(waiting);
  });
}
parentPort.on('message', (batch) => {
  if (batch.rows) return write(batch, [batch.rows]);
  waiting = batch;
  take(batch);
});
function take(batch) {
  const arrived = folded.get(batch.id);
  if (!arrived || arrived.length < parts) return;
  waiting = null;
  for (const id of folded.keys()) if (id <= batch.id) folded.delete(id);
  write(batch, arrived);
}
function write({ from, to, at }, groups) {
  try {
    db.exec('BEGIN IMMEDIATE');
    const live = generations.get(workerData.name);
    if (!live || (live.active !== workerData.generation && live.building !== workerData.generation)) {
      db.exec('ROLLBACK');
      return parentPort.postMessage({ retired: live ? live.active : 0 });
    }
    const reached = stored.get(workerData.checkpoint) ?? 0;
    if (reached !== from) {
      db.exec('ROLLBACK');
      return parentPort.postMessage({ moved: reached });
    }
    for (const rows of groups) for (const values of rows) row.run(values);
    checkpoint.run(workerData.checkpoint, to, at);
    db.exec('COMMIT');
    parentPort.postMessage({ done: to });
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    parentPort.postMessage({ error: String((error && error.message) || error), code: error && error.code });
  }
}
`;

export type RowWriterOptions = Readonly<{
  file: string;
  /** The projection, its generation and that generation's checkpoint. */
  name: string;
  generation: number;
  checkpoint: string;
  /** The statement each row is written with. */
  sql: string;
  /** Where a fold's threads send the rows of batches written by id (fold-thread.ts): a batch has a part from each. */
  rowsPorts?: readonly MessagePort[];
}>;

/**
 * One batch for the thread: its rows (or the id under which the fold's thread sends them), and the
 * checkpoint it moves from `from` to `to`.
 */
export type RowBatch = Readonly<({ rows: unknown[][] } | { id: number }) & { from: number; to: number; at: string }>;

/** The generation is neither active nor building any more: another one took over. */
export class RowWriterRetiredError extends Error {
  override readonly name = 'RowWriterRetiredError';
}

type Answer = Readonly<{ done?: number; retired?: number; moved?: number; error?: string; code?: string }>;
type Waiting = Readonly<{ resolve: () => void; reject: (error: Error) => void }>;

/**
 * Writes a generation's rows on a worker thread with a connection of its own, one batch at a time:
 * the SQLite work of a rebuild leaves the event loop. Callers hold the runner's write gate while a
 * batch is written (the thread holds the file's write lock). The thread keeps the process alive
 * only while a batch is being written.
 */
export class RowWriter {
  private thread: Worker | null = null;
  private waiting: Waiting | null = null;
  /** Its thread was lost after taking the fold's port: no other thread can have that port. */
  private portLost = false;

  constructor(private readonly options: RowWriterOptions) {}

  /** Resolves once the batch is committed; rejects, with nothing written, when it could not be. */
  write(batch: RowBatch): Promise<void> {
    if (this.waiting) return Promise.reject(new Error('the row writer is already writing a batch'));
    if (this.portLost) return Promise.reject(new Error("the row writer's thread was lost with the fold's port"));
    const thread = this.started();
    return new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject };
      thread.ref();
      thread.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    this.settle(new Error('the row writer was closed'));
    if (thread) await thread.terminate();
  }

  /** No batch can be written any more: its thread, which held the fold thread's port, was lost. */
  get lost(): boolean {
    return this.portLost;
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const { file, name, generation, checkpoint, sql, rowsPorts = [] } = this.options;
    const thread = new Worker(THREAD_SOURCE, {
      eval: true,
      transferList: [...rowsPorts],
      workerData: {
        driver: require.resolve('better-sqlite3'),
        file,
        name,
        generation,
        checkpoint,
        sql,
        rowsPorts,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        cacheKib: CACHE_KIB,
        walPages: BACKSTOP_CHECKPOINT_PAGES,
      },
    });
    thread.unref();
    thread.on('message', (answer: Answer) => this.settle(failureOf(answer, this.options)));
    const lost = (error: unknown) => {
      if (this.thread === thread) this.thread = null;
      if (rowsPorts.length > 0) this.portLost = true;
      this.settle(asError(error));
    };
    thread.on('error', lost);
    thread.on('exit', (code) => lost(new Error(`the row writer's thread exited with code ${code}`)));
    return (this.thread = thread);
  }

  private settle(failure: Error | null): void {
    const waiting = this.waiting;
    this.waiting = null;
    this.thread?.unref();
    if (!waiting) return;
    if (failure) waiting.reject(failure);
    else waiting.resolve();
  }
}

function failureOf(answer: Answer, { checkpoint }: RowWriterOptions): Error | null {
  if (answer.done !== undefined) return null;
  if (answer.retired !== undefined)
    return new RowWriterRetiredError(`${checkpoint} was superseded by generation ${answer.retired}`);
  if (answer.moved !== undefined)
    return new Error(`${checkpoint} was moved to ${answer.moved} by another writer: the rebuild reads it again`);
  return new SchemaThreadError(answer.error ?? 'the row writer failed', answer.code);
}

/** What a thread threw, as an Error: an SQLite error crosses the thread boundary as a plain object with its code. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return new SchemaThreadError(
    typeof message === 'string' ? message : "the row writer's thread failed",
    typeof code === 'string' ? code : undefined,
  );
}
