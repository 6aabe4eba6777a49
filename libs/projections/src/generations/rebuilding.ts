import { MessageChannel } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import type { OpenBatch, RowFold, RowFoldModule, TableNames, VersionedProjection } from '../runner/projection';
import { readCheckpoint } from '../runner/read-model-database';
import type { WriteGate } from '../runner/write-gate';
import { FoldThread, FoldThreadError } from './fold-thread';
import { RebuildPipeline } from './rebuild-pipeline';
import { RowWriter } from './row-writer';

/**
 * Fold threads for a fold by stream: the fold is most of a rebuild's work (reading and parsing the
 * log, evolving, serialising the rows), and two of them with the row writer and the event loop keep
 * two cores busy.
 */
const FOLD_THREADS_BY_STREAM = 2;
/**
 * Pages of the catch-up's size in one range the fold threads read from the log: each range is a
 * message to every thread, a read statement on each, and a transaction of the row writer, and a
 * case moved in two ranges is written twice.
 */
export const RANGE_PAGES = 4;

/** A generation being rebuilt through its projection's row fold: the handler's side of the pipeline. */
export type Rebuilding = {
  /** The fold on the event loop, for the batches committed there (the first after opening, the one that switches). */
  readonly fold: RowFold;
  readonly pipeline: RebuildPipeline;
  /** The fold as a batch on the event loop: its rows written with the handler's connection. */
  readonly openBatch: OpenBatch;
  /**
   * A batch was committed on the event loop since the handler opened, past any event the fold's
   * thread failed on: the pipeline may take the next ones (an event it failed on is folded on the
   * event loop again, where it is parked as any other event a projection cannot process).
   */
  readonly ready: boolean;
  /** The handler (re)opened at `checkpoint`: the fold reads the table again, and the next batch runs on the event loop. */
  restarted(checkpoint: number): void;
  /** A batch committed on the event loop moved the checkpoint to `checkpoint`. */
  committed(checkpoint: number): void;
  /** Hands the batch to the threads (generations/rebuild-pipeline.ts). */
  send(batch: readonly RecordedEvent[], at: string): Promise<void>;
  /** The fold's thread reads the event log's file itself: `sendRange` may be used. */
  readonly readsLog: boolean;
  /** Hands the events past the last batch sent, up to position `to`, to the fold's thread, which reads them from the log itself. */
  sendRange(to: number, passedOver: ReadonlySet<string>, at: string): Promise<void>;
  /** Waits for the batches handed over; throws the first that failed. */
  drain(): Promise<void>;
};

type Options = Readonly<{
  projection: Pick<VersionedProjection, 'name' | 'tables'>;
  tables: TableNames;
  generation: number;
  checkpoint: string;
  gate: WriteGate;
  /** The handler: it holds the gate while the thread writes. */
  holder: object;
  /** The SQLite event log's file, when the store is one: the fold's thread reads it itself. */
  eventsFile?: string;
}>;

export function rebuilding(
  db: Database.Database,
  fold: RowFold,
  foldModule: RowFoldModule,
  options: Options,
): Rebuilding {
  const threads = foldModule.byStream ? FOLD_THREADS_BY_STREAM : 1;
  const channels = Array.from({ length: threads }, () => new MessageChannel());
  const writer = new RowWriter({
    file: db.name,
    name: options.projection.name,
    generation: options.generation,
    checkpoint: options.checkpoint,
    sql: fold.sql,
    rowsPorts: channels.map(({ port2 }) => port2),
  });
  const folder = new FoldThread({
    ...foldModule,
    file: db.name,
    table: options.tables(options.projection.tables[0]),
    rowsPorts: channels.map(({ port1 }) => port1),
    eventsFile: options.eventsFile,
  });
  const pipeline = new RebuildPipeline(folder, writer, options.gate, options.holder);
  const row = db.prepare(fold.sql);
  /** Where the event loop's fold stands: the checkpoint its last batch committed (or the handler opened at). */
  let folded = 0;
  /** The checkpoint the next batch handed to the threads starts from. */
  let sent = 0;
  /** The event the fold's thread last failed on: batches up to it are folded on the event loop. */
  let failedAt = 0;
  let ready = false;
  const noting = async (sending: Promise<unknown>): Promise<void> => {
    try {
      await sending;
    } catch (error) {
      if (error instanceof FoldThreadError) failedAt = Math.max(failedAt, error.position);
      throw error;
    }
  };
  return {
    fold,
    pipeline,
    /** Under the write lock: a checkpoint moved by another writer (the threads among them) means rows the fold does not hold. */
    openBatch: () => {
      if (readCheckpoint(db, options.checkpoint) !== folded) fold.reset();
      return {
        apply: fold.apply,
        finish() {
          for (const values of fold.takeRows()) row.run(values);
        },
      };
    },
    get ready() {
      return ready && folded >= failedAt;
    },
    restarted(checkpoint) {
      fold.reset();
      folded = sent = checkpoint;
      ready = false;
    },
    committed(checkpoint) {
      fold.committed(fold.taken);
      folded = sent = checkpoint;
      ready = true;
    },
    async send(batch, now) {
      await noting(pipeline.send(batch, sent, now).then((to) => (sent = to)));
    },
    readsLog: folder.readsLog,
    async sendRange(to, passedOver, now) {
      await noting(pipeline.sendRange(sent, to, passedOver, now).then(() => (sent = to)));
    },
    drain: () => noting(pipeline.drain()),
  };
}
