import { FEED_LINGER_MS } from './change-feed';
import type { SerialisedItem } from './feed-page';
import type { TailSlice, TailWindow } from './tail-window';

/**
 * The Server-Sent Event streams following the shared feed tail: those at the head wait for it to
 * move and are woken FEED_LINGER_MS after it moved, so that each write carries what came meanwhile;
 * the streams at one cursor share one batch of items until the tail moves again.
 */
export class WaitingStreams {
  /** The streams following the tail now, waiting or writing. */
  following = 0;
  /** The streams waiting for the tail to move. */
  private readonly movers = new Set<() => void>();
  private tick: NodeJS.Timeout | null = null;
  /** Batches since the tail last moved, by cursor and notes shown. */
  private batches = new Map<string, SerialisedItem[]>();

  /** The items after `cursor` in `window`, the same array for every stream at that cursor until the tail moves. */
  batchAfter(window: TailWindow, cursor: number, seesNotes: boolean): TailSlice {
    const upTo = window.seenUpTo;
    if (cursor >= upTo) return { items: [], upTo: cursor };
    const id = `${cursor}/${seesNotes}`;
    let items = this.batches.get(id);
    if (!items) this.batches.set(id, (items = window.after(cursor, seesNotes).items));
    return { items, upTo };
  }

  /** The tail moved: batches are built again, and the waiting streams woken at the tick. */
  tailMoved(): void {
    this.batches.clear();
    this.tick ??= setTimeout(() => {
      this.tick = null;
      this.wake();
    }, FEED_LINGER_MS);
  }

  /** Resolves when the tail has moved (or stopped), or `signal` aborts. */
  moved(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.movers.delete(done);
        resolve();
      };
      this.movers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  wake(): void {
    for (const wake of [...this.movers]) wake();
  }

  /** No tick is due any longer and no batch is kept. */
  stop(): void {
    if (this.tick) clearTimeout(this.tick);
    this.tick = null;
    this.batches.clear();
  }
}
