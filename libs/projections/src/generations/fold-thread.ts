import { join } from 'node:path';
import { type MessagePort, Worker } from 'node:worker_threads';
import { type RecordedEvent, unparsedJson } from '@app/event-store';
import type { RowFoldModule } from '../runner/projection';

/** Values an event takes in a batch's message to the thread, one after the other (no array per event). */
const EVENT_VALUES = 8;
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The thread: a read-only connection to the read-model file (the fold reads rows it does not hold)
 * and the projection's row fold, loaded from its module (through the repository's SWC hook when
 * the module is TypeScript). Each batch's events arrive with their JSON as stored (parsed here, on
 * first read); its rows go to the row writer's thread through `rowsPort`, and the answer to the
 * event loop says only how many batches the fold has taken. A batch that fails drops what it
 * folded and names the event (the one the fold's error names, else the last it applied); the
 * batches after it are skipped until a reset. `eval`, so that it runs the same from the
 * TypeScript sources and the build (the module path is `require.resolve`d by the projection).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.register) require(workerData.register);
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, timeout: workerData.busyTimeoutMs });
const fold = require(workerData.module)[workerData.exportName](db, workerData.table);
const rowsPort = workerData.rowsPort;
/** An event as the fold sees it, its JSON parsed on first read (it never leaves the thread). */
class Event {
  constructor(values, index) {
    this.position = values[index];
    this.streamName = values[index + 1];
    this.revision = values[index + 2];
    this.eventId = values[index + 3];
    this.type = values[index + 4];
    this.dataJson = values[index + 5];
    this.metadataJson = values[index + 6];
    this.recordedAt = values[index + 7];
  }
  get data() {
    if (typeof this.dataJson === 'string') this.dataJson = JSON.parse(this.dataJson);
    return this.dataJson;
  }
  get metadata() {
    if (typeof this.metadataJson === 'string') this.metadataJson = JSON.parse(this.metadataJson);
    return this.metadataJson;
  }
}
let failed = false;
parentPort.on('message', (message) => {
  if (message.reset) {
    fold.reset();
    failed = false;
  }
  if (message.committed !== undefined) fold.committed(message.committed);
  if (message.values === undefined) return;
  if (failed) return parentPort.postMessage({ id: message.id, skipped: true });
  const values = message.values;
  let position;
  try {
    for (let index = 0; index < values.length; index += ${EVENT_VALUES}) {
      position = values[index];
      fold.apply(new Event(values, index));
    }
    rowsPort.postMessage({ id: message.id, rows: fold.takeRows() });
    parentPort.postMessage({ id: message.id, taken: fold.taken });
  } catch (error) {
    fold.dropBatch();
    failed = true;
    const named = error && error.event && typeof error.event.position === 'number' ? error.event.position : position;
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error), position: named });
  }
});
`;

export type FoldThreadOptions = RowFoldModule &
  Readonly<{
    /** The read-model file, and the generation's table the fold writes. */
    file: string;
    table: string;
    /** Where each batch's rows go: the row writer's thread (row-writer.ts), which takes them by batch id. */
    rowsPort: MessagePort;
  }>;

/** A batch folded on the thread: its id (the row writer takes its rows by it) and the fold's batches taken since it started. */
export type FoldedBatch = Readonly<{ id: number; taken: number }>;

/** The fold could not process an event of the batch: nothing of that batch was kept. */
export class FoldThreadError extends Error {
  override readonly name = 'FoldThreadError';

  constructor(
    message: string,
    /** The event it failed on. */
    readonly position: number,
  ) {
    super(message);
  }
}

type Answer = Readonly<{ id: number; taken?: number; skipped?: boolean; error?: string; position?: number }>;
type Waiting = Readonly<{ resolve: (folded: FoldedBatch) => void; reject: (error: Error) => void }>;

/**
 * A rebuild's fold on a worker thread of its own: the event loop only reads the log and hands each
 * batch over with its JSON unparsed (as the SQLite store read it; parsed objects otherwise), and
 * the rows go from this thread to the row writer's. The fold's states live on the thread.
 */
export class FoldThread {
  private readonly thread: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;
  private lostWith: Error | null = null;

  constructor(options: FoldThreadOptions) {
    const { file, table, module, exportName, rowsPort } = options;
    this.thread = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        register: module.endsWith('.ts') ? join(__dirname, '../../../../scripts/swc-register.js') : null,
        driver: require.resolve('better-sqlite3'),
        file,
        table,
        module,
        exportName,
        rowsPort,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      },
      transferList: [rowsPort],
    });
    this.thread.unref();
    this.thread.on('message', (answer: Answer) => this.settle(answer));
    const lost = (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error)));
    this.thread.on('error', lost);
    this.thread.on('exit', (code) => lost(new Error(`the fold's thread exited with code ${code}`)));
  }

  /** Folds the events (all past the checkpoint); `reset` first forgets what the fold holds (another writer moved the table). */
  fold(events: readonly RecordedEvent[], reset: boolean): Promise<FoldedBatch> {
    if (this.lostWith) return Promise.reject(this.lostWith);
    const id = ++this.lastId;
    const values: unknown[] = new Array(events.length * EVENT_VALUES);
    let index = 0;
    for (const event of events) {
      const json = unparsedJson(event);
      values[index++] = event.position;
      values[index++] = event.streamName;
      values[index++] = event.revision;
      values[index++] = event.eventId;
      values[index++] = event.type;
      values[index++] = json ? json.data : event.data;
      values[index++] = json ? json.metadata : event.metadata;
      values[index++] = event.recordedAt;
    }
    return new Promise<FoldedBatch>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread.ref();
      this.thread.postMessage({ id, reset, values });
    });
  }

  /** Its thread was lost or closed: it folds nothing any more. */
  get lost(): boolean {
    return this.lostWith !== null;
  }

  /** The rows of the fold's first `taken` batches are committed: it may let their states go. */
  committed(taken: number): void {
    if (!this.lostWith) this.thread.postMessage({ committed: taken });
  }

  async close(): Promise<void> {
    this.fail(new Error("the fold's thread was closed"));
    await this.thread.terminate();
  }

  private settle(answer: Answer): void {
    const waiting = this.waiting.get(answer.id);
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.thread.unref();
    if (!waiting) return;
    if (answer.taken !== undefined) waiting.resolve({ id: answer.id, taken: answer.taken });
    else if (answer.skipped) waiting.reject(new Error('a batch before this one failed to fold'));
    else
      waiting.reject(
        new FoldThreadError(
          `the rebuild's fold failed at position ${answer.position}: ${answer.error}`,
          answer.position ?? 0,
        ),
      );
  }

  private fail(error: Error): void {
    this.lostWith ??= error;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    this.thread.unref();
    for (const { reject } of waiting) reject(error);
  }
}
