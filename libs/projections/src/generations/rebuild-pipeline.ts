import type { RecordedEvent } from '@app/event-store';
import { asBatchFailure } from '../runner/batch-commit';
import type { RowFold } from '../runner/projection';
import type { WriteGate } from '../runner/write-gate';
import type { RowWriter } from './row-writer';

/** Batches handed to the thread and not yet written, at most: the event loop reads ahead of the thread by as many. */
const IN_FLIGHT = 3;

/**
 * The middle of a rebuild, for a projection with a row fold: each batch is folded on the event
 * loop and its rows written on a thread (RowWriter) while the next batches are read and folded, a
 * few batches in flight at most. The thread writes only while `holder` holds the runner's write gate
 * (it takes the file's write lock), and only if the checkpoint is still where the batch starts:
 * a batch is the generation's rows and its checkpoint, committed together, as on the event loop.
 * A failed write is reported by the next `send` or `drain`, and the fold then forgets what it held.
 */
export class RebuildPipeline {
  /** The batches handed over and not settled yet, oldest first; each is written after the one before. */
  private queued: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The first write that failed: the ones queued after it are skipped, and the next `send` or `drain` throws it. */
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly fold: RowFold,
    private readonly writer: RowWriter,
    private readonly gate: WriteGate,
    private readonly holder: object,
  ) {}

  /**
   * Folds the batch's events past `from` (the checkpoint the previous batch moves), waits while
   * IN_FLIGHT batches are still being written, and queues this one for the thread. Returns the
   * checkpoint it moves to. An event the fold cannot process is thrown as a poison event, with
   * nothing of the batch kept.
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
    while (this.queued.length >= IN_FLIGHT) await this.queued.shift();
    if (this.failure) await this.drain();
    const to = Math.max(from, batch[batch.length - 1].position);
    const taken = this.fold.taken;
    const write = async () => {
      if (this.failure) return;
      try {
        await this.gate.hold(this.holder, () => this.writer.write({ rows, from, to, at }));
        this.fold.committed(taken);
      } catch (error) {
        this.failure = { error };
      }
    };
    this.tail = this.tail.then(write);
    this.queued.push(this.tail);
    return to;
  }

  /** Waits for every batch queued; throws the first failure, after which the fold holds nothing. */
  async drain(): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    await Promise.all(queued);
    const failure = this.failure;
    this.failure = null;
    if (failure) {
      this.fold.reset();
      throw failure.error;
    }
  }

  /** Lets the batches queued finish, whatever their outcome, and stops the thread. */
  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    await this.writer.close();
  }
}
