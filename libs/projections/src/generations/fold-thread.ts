import { type MessagePort, Worker } from 'node:worker_threads';
import { type RecordedEvent, transpilerFor, unparsedJson } from '@app/event-store';
import type { RowFoldModule } from '../runner/projection';
import { FOLD_THREAD_SOURCE } from './fold-thread.source';
import { STREAM_PART_SQL, streamPart } from './stream-part';

const BUSY_TIMEOUT_MS = 5_000;

export type FoldThreadOptions = RowFoldModule &
  Readonly<{
    /** The read-model file, and the generation's table the fold writes. */
    file: string;
    table: string;
    /**
     * Where each batch's rows go: the row writer's thread (row-writer.ts), which takes them by batch
     * id. One fold thread per port; with several, each folds the streams of its part (stream-part.ts).
     */
    rowsPorts: readonly MessagePort[];
    /** The SQLite event log's file, when the store is one: the threads then read ranges of it themselves (`foldRange`). */
    eventsFile?: string;
  }>;

/**
 * A batch folded on the threads: its id (the row writer takes its rows by it) and the fold's batches
 * taken since it started, the fewest of its threads' (one that failed a batch took one fewer than
 * the others: told that fewer are committed, a thread only keeps some states longer).
 */
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
/** A batch handed to every thread, and what those that answered said. */
type Waiting = { resolve: (folded: FoldedBatch) => void; reject: (error: Error) => void; answers: Answer[] };

/**
 * A rebuild's fold on worker threads of its own: the event loop only reads the log and hands each
 * batch over with its JSON unparsed (as the SQLite store read it; parsed objects otherwise), or
 * only its range of positions when the threads read the log themselves, and the rows go from the
 * threads to the row writer's. The fold's states live on the threads. With several threads, each
 * takes every batch but folds only the events of its part of the streams: a stream's events are
 * always folded by the same thread, and a batch is folded once every thread has folded its part.
 */
export class FoldThread {
  private readonly threads: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;
  private lostWith: Error | null = null;
  /** It was given the event log's file: it can read ranges of the log itself. */
  readonly readsLog: boolean;

  constructor(options: FoldThreadOptions) {
    const { file, table, module, exportName, rowsPorts, eventsFile } = options;
    this.readsLog = eventsFile !== undefined;
    this.threads = rowsPorts.map((rowsPort, index) => {
      const thread = new Worker(FOLD_THREAD_SOURCE, {
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
          part: rowsPorts.length > 1 ? { index, of: rowsPorts.length } : null,
          partSql: STREAM_PART_SQL,
          busyTimeoutMs: BUSY_TIMEOUT_MS,
        },
        transferList: [rowsPort],
      });
      thread.unref();
      thread.on('message', (answer: Answer) => this.settle(answer));
      const lost = (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error)));
      thread.on('error', lost);
      thread.on('exit', (code) => lost(new Error(`the fold's thread exited with code ${code}`)));
      return thread;
    });
  }

  /** Folds the events (all past the checkpoint); `reset` first forgets what the fold holds (another writer moved the table). */
  fold(events: readonly RecordedEvent[], reset: boolean): Promise<FoldedBatch> {
    if (this.lostWith) return Promise.reject(this.lostWith);
    const parts = this.threads.map((): unknown[] => []);
    for (const event of events) {
      const values = parts[parts.length > 1 ? streamPart(event.streamName, parts.length) : 0];
      const json = unparsedJson(event);
      values.push(event.position, event.streamName, event.revision, event.eventId, event.type);
      values.push(json ? json.data : event.data, json ? json.metadata : event.metadata, event.recordedAt);
    }
    return this.post(++this.lastId, (index) => ({ reset, values: parts[index] }));
  }

  /**
   * Folds the events of positions `after` (exclusive) to `to` (inclusive), which the threads read
   * from the event log's file themselves, less those whose ids are in `passedOver` (parked): for
   * threads given `eventsFile`, and a range whose events are all durable.
   */
  foldRange(after: number, to: number, passedOver: ReadonlySet<string>, reset: boolean): Promise<FoldedBatch> {
    if (this.lostWith) return Promise.reject(this.lostWith);
    const skip = [...passedOver];
    return this.post(++this.lastId, () => ({ reset, range: { after, to }, skip }));
  }

  private post(id: number, message: (index: number) => Record<string, unknown>): Promise<FoldedBatch> {
    return new Promise<FoldedBatch>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, answers: [] });
      this.threads.forEach((thread, index) => {
        thread.ref();
        thread.postMessage({ id, ...message(index) });
      });
    });
  }

  /** One of its threads was lost or closed: it folds nothing any more. */
  get lost(): boolean {
    return this.lostWith !== null;
  }

  /** The rows of the fold's first `taken` batches are committed: it may let their states go. */
  committed(taken: number): void {
    if (!this.lostWith) for (const thread of this.threads) thread.postMessage({ committed: taken });
  }

  async close(): Promise<void> {
    this.fail(new Error("the fold's thread was closed"));
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private settle(answer: Answer): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    waiting.answers.push(answer);
    if (waiting.answers.length < this.threads.length) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) for (const thread of this.threads) thread.unref();
    const failed = waiting.answers
      .filter(({ taken, skipped }) => taken === undefined && !skipped)
      .sort((one, other) => (one.position ?? 0) - (other.position ?? 0))[0];
    if (failed)
      waiting.reject(
        new FoldThreadError(
          `the rebuild's fold failed at position ${failed.position}: ${failed.error}`,
          failed.position ?? 0,
        ),
      );
    else if (waiting.answers.some(({ skipped }) => skipped))
      waiting.reject(new Error('a batch before this one failed to fold'));
    else waiting.resolve({ id: answer.id, taken: Math.min(...waiting.answers.map(({ taken }) => taken ?? 0)) });
  }

  private fail(error: Error): void {
    this.lostWith ??= error;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const thread of this.threads) thread.unref();
    for (const { reject } of waiting) reject(error);
  }
}
