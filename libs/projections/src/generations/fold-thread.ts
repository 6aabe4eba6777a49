import { type MessagePort, Worker } from 'node:worker_threads';
import { type RecordedEvent, transpilerFor, unparsedJson } from '@app/event-store';
import type { RowFoldModule } from '../runner/projection';
import { EVENT_VALUES, FOLD_THREAD_SOURCE } from './fold-thread.source';

const BUSY_TIMEOUT_MS = 5_000;

export type FoldThreadOptions = RowFoldModule &
  Readonly<{
    /** The read-model file, and the generation's table the fold writes. */
    file: string;
    table: string;
    /** Where each batch's rows go: the row writer's thread (row-writer.ts), which takes them by batch id. */
    rowsPort: MessagePort;
    /** The SQLite event log's file, when the store is one: the thread then reads ranges of it itself (`foldRange`). */
    eventsFile?: string;
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
  /** It was given the event log's file: it can read ranges of the log itself. */
  readonly readsLog: boolean;

  constructor(options: FoldThreadOptions) {
    const { file, table, module, exportName, rowsPort, eventsFile } = options;
    this.readsLog = eventsFile !== undefined;
    this.thread = new Worker(FOLD_THREAD_SOURCE, {
      eval: true,
      workerData: {
        register: transpilerFor(module),
        driver: require.resolve('better-sqlite3'),
        file,
        table,
        module,
        exportName,
        rowsPort,
        eventsFile,
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
    return this.post({ id, reset, values });
  }

  /**
   * Folds the events of positions `after` (exclusive) to `to` (inclusive), which the thread reads
   * from the event log's file itself, less those whose ids are in `passedOver` (parked): for a
   * thread given `eventsFile`, and a range whose events are all durable.
   */
  foldRange(after: number, to: number, passedOver: ReadonlySet<string>, reset: boolean): Promise<FoldedBatch> {
    if (this.lostWith) return Promise.reject(this.lostWith);
    return this.post({ id: ++this.lastId, reset, range: { after, to }, skip: [...passedOver] });
  }

  private post(message: Readonly<{ id: number; reset: boolean } & Record<string, unknown>>): Promise<FoldedBatch> {
    return new Promise<FoldedBatch>((resolve, reject) => {
      this.waiting.set(message.id, { resolve, reject });
      this.thread.ref();
      this.thread.postMessage(message);
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
