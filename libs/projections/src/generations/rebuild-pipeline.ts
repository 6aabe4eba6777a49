import type { RecordedEvent } from '@app/event-store';
import { asBatchFailure } from '../runner/batch-commit';
import type { RowFold } from '../runner/projection';
import type { WriteGate } from '../runner/write-gate';
import type { RowWriter } from './row-writer';

/**
 * The middle of a rebuild, for a projection with a row fold: each batch is folded on the event
 * loop and its rows written on a thread (RowWriter) while the next batch is read and folded, one
 * batch in flight at most. The thread writes only while `holder` holds the runner's write gate
 * (it takes the file's write lock), and only if the checkpoint is still where the batch starts:
 * a batch is the generation's rows and its checkpoint, committed together, as on the event loop.
 * A failed write is reported by the next `send` or `drain`, and the fold then forgets what it held.
 */
export class RebuildPipeline {
  private inFlight: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly fold: RowFold,
    private readonly writer: RowWriter,
    private readonly gate: WriteGate,
    private readonly holder: object,
  ) {}

  /**
   * Folds the batch's events past `from` (the checkpoint the previous batch moved), waits for the
   * previous batch's commit, and hands this one to the thread. Returns the checkpoint it moves to.
   * An event the fold cannot process is thrown as a poison event, with nothing of the batch kept.
   */
  async send(batch: readonly RecordedEvent[], from: number, at: string): Promise<number> {
    let applied: RecordedEvent | undefined;
    let rows: unknown[][];
    try {
      for (const event of batch) {
        if (event.position <= from) continue;
        applied = event;
        this.fold.apply(event);
      }
      rows = this.fold.takeRows();
    } catch (error) {
      this.fold.dropBatch();
      await this.drain();
      throw asBatchFailure(error, applied ?? batch[batch.length - 1]);
    }
    await this.drain();
    const to = Math.max(from, batch[batch.length - 1].position);
    const taken = this.fold.taken;
    this.inFlight = this.gate
      .hold(this.holder, () => this.writer.write({ rows, from, to, at }))
      .then(
        () => this.fold.committed(taken),
        (error: unknown) => {
          this.failure = { error };
        },
      );
    return to;
  }

  /** Waits for the batch in flight; throws its failure, after which the fold holds nothing. */
  async drain(): Promise<void> {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
    const failure = this.failure;
    this.failure = null;
    if (failure) {
      this.fold.reset();
      throw failure.error;
    }
  }

  /** Lets the batch in flight finish, whatever its outcome, and stops the thread. */
  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    await this.writer.close();
  }
}
