import type { RecordedEvent } from '@app/event-store';
import type { WriteGate } from '../runner/write-gate';
import type { FoldThread, FoldedBatch } from './fold-thread';
import type { RowWriter } from './row-writer';

/** Batches handed to the threads and not yet written, at most: the event loop reads ahead of them by as many. */
const IN_FLIGHT = 4;

/**
 * The middle of a rebuild, for a projection with a row fold: the event loop reads each batch and
 * hands it to the fold's thread (FoldThread), which sends its rows to the writer's (RowWriter),
 * while the next batches are read, a few batches in flight at most. The writer writes only while
 * `holder` holds the runner's write gate (it takes the file's write lock), and only if the
 * checkpoint is still where the batch starts: a batch is the generation's rows and its checkpoint,
 * committed together, as on the event loop. A batch that fails to fold or to be written is
 * reported by the next `send` or `drain` (a fold's failure as a FoldThreadError naming the event),
 * and the fold is reset before the next batch it takes.
 */
export class RebuildPipeline {
  /** The batches handed over and not settled yet, oldest first; each is written after the one before. */
  private queued: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The first batch that failed: the ones queued after it are skipped, and the next `send` or `drain` throws it. */
  private failure: { error: unknown } | null = null;
  /** Where the last batch folded on the thread ends: a batch that starts elsewhere resets the fold first. */
  private foldedTo = -1;

  constructor(
    private readonly folder: FoldThread,
    private readonly writer: RowWriter,
    private readonly gate: WriteGate,
    private readonly holder: object,
  ) {}

  /**
   * Hands the batch's events past `from` (the checkpoint the previous batch moves) to the fold's
   * thread once fewer than IN_FLIGHT batches are still being folded or written, and queues its
   * write. Returns the checkpoint it moves to.
   */
  async send(batch: readonly RecordedEvent[], from: number, at: string): Promise<number> {
    await this.room();
    const to = Math.max(from, batch[batch.length - 1].position);
    const events = batch[0].position > from ? batch : batch.filter((event) => event.position > from);
    this.queue(this.folder.fold(events, from !== this.foldedTo), from, to, at);
    return to;
  }

  /**
   * The same for the events of positions `from` (exclusive) to `to`, less those passed over, which
   * the fold's thread reads from the event log itself (FoldThread.foldRange).
   */
  async sendRange(from: number, to: number, passedOver: ReadonlySet<string>, at: string): Promise<void> {
    await this.room();
    this.queue(this.folder.foldRange(from, to, passedOver, from !== this.foldedTo), from, to, at);
  }

  /** Waits until fewer than IN_FLIGHT batches are being folded or written; throws the first failure. */
  private async room(): Promise<void> {
    while (this.queued.length >= IN_FLIGHT) await this.queued.shift();
    if (this.failure) await this.drain();
  }

  private queue(folded: Promise<FoldedBatch>, from: number, to: number, at: string): void {
    folded.catch(() => undefined);
    this.foldedTo = to;
    const write = async () => {
      if (this.failure) return;
      try {
        const { id, taken } = await folded;
        await this.gate.hold(this.holder, () => this.writer.write({ id, from, to, at }));
        this.folder.committed(taken);
      } catch (error) {
        this.failure = { error };
      }
    };
    this.tail = this.tail.then(write);
    this.queued.push(this.tail);
  }

  /** Waits for every batch queued; throws the first failure, after which the fold is reset before its next batch. */
  async drain(): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    await Promise.all(queued);
    const failure = this.failure;
    this.failure = null;
    if (failure) {
      this.foldedTo = -1;
      throw failure.error;
    }
  }

  /** Its threads were lost: it cannot write any more batch. */
  get broken(): boolean {
    return this.folder.lost || this.writer.lost;
  }

  /** Lets the batches queued finish, whatever their outcome, and stops the threads. */
  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    await Promise.all([this.folder.close(), this.writer.close()]);
  }
}
