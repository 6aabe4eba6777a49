import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import type { OpenBatch, RowFold, VersionedProjection } from '../runner/projection';
import { readCheckpoint } from '../runner/read-model-database';
import type { WriteGate } from '../runner/write-gate';
import { RebuildPipeline } from './rebuild-pipeline';
import { RowWriter } from './row-writer';

/** A generation being rebuilt through its projection's row fold: the handler's side of the pipeline. */
export type Rebuilding = {
  readonly fold: RowFold;
  readonly pipeline: RebuildPipeline;
  /** The fold as a batch on the event loop: its rows written with the handler's connection. */
  readonly openBatch: OpenBatch;
  /** A batch was committed on the event loop since the handler opened: the pipeline may take the next ones. */
  readonly ready: boolean;
  /** The handler (re)opened at `checkpoint`: the fold reads the table again, and the next batch runs on the event loop. */
  restarted(checkpoint: number): void;
  /** A batch committed on the event loop moved the checkpoint to `checkpoint`. */
  committed(checkpoint: number): void;
  /** Folds the batch and hands it to the thread (generations/rebuild-pipeline.ts). */
  send(batch: readonly RecordedEvent[], at: string): Promise<void>;
};

type Options = Readonly<{
  projection: Pick<VersionedProjection, 'name'>;
  generation: number;
  checkpoint: string;
  gate: WriteGate;
  /** The handler: it holds the gate while the thread writes. */
  holder: object;
}>;

export function rebuilding(db: Database.Database, fold: RowFold, options: Options): Rebuilding {
  const writer = new RowWriter({
    file: db.name,
    name: options.projection.name,
    generation: options.generation,
    checkpoint: options.checkpoint,
    sql: fold.sql,
  });
  const pipeline = new RebuildPipeline(fold, writer, options.gate, options.holder);
  const row = db.prepare(fold.sql);
  /** The checkpoint the next batch starts from: where the last one sent or committed moves it. */
  let at = 0;
  let ready = false;
  return {
    fold,
    pipeline,
    /** Under the write lock: a checkpoint moved by another writer since means rows the fold does not hold. */
    openBatch: () => {
      if (readCheckpoint(db, options.checkpoint) !== at) fold.reset();
      return {
        apply: fold.apply,
        finish() {
          for (const values of fold.takeRows()) row.run(values);
        },
      };
    },
    get ready() {
      return ready;
    },
    restarted(checkpoint) {
      fold.reset();
      at = checkpoint;
      ready = false;
    },
    committed(checkpoint) {
      fold.committed(fold.taken);
      at = checkpoint;
      ready = true;
    },
    async send(batch, now) {
      at = await pipeline.send(batch, at, now);
    },
  };
}
