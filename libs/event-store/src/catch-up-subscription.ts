import type { AppendSignal } from './append-signal';
import type { RecordedEvent, StoreSubscription } from './event-store.port';

export type ReadPage = (after: number, limit: number) => Promise<readonly RecordedEvent[]>;

export type CatchUpSubscriptionOptions = Readonly<{
  after: number;
  readPage: ReadPage;
  /** Wakes the subscription when this process appends. */
  signal: AppendSignal;
  /** Also re-reads this often, to see what other processes appended; default: never. */
  pollIntervalMs?: number;
  pageSize?: number;
  onClose?: () => void;
}>;

const DEFAULT_PAGE_SIZE = 500;

/**
 * A catch-up subscription over any store that can read a page of the global log: reads pages
 * until the end, then waits for an append signal, a poll tick or `close()`. It is iterated once.
 */
export class CatchUpSubscription implements StoreSubscription {
  private closed = false;
  private readonly wakers = new Set<() => void>();
  private iterated = false;

  constructor(private readonly options: CatchUpSubscriptionOptions) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.eventsOf(this.pages());
  }

  /** Each page as read (never empty): up to `pageSize` events while catching up, what was appended since when live. */
  pages(): AsyncIterable<readonly RecordedEvent[]> {
    if (this.iterated) throw new Error('A subscription is iterated once');
    this.iterated = true;
    return this.follow();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
    this.options.onClose?.();
  }

  private async *follow(): AsyncGenerator<readonly RecordedEvent[]> {
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    let position = this.options.after;
    while (!this.closed) {
      const signalled = this.options.signal.count;
      const page = await this.options.readPage(position, pageSize);
      if (this.closed) return;
      if (page.length > 0) {
        position = page[page.length - 1].position;
        yield page;
      }
      if (page.length < pageSize) await this.waitForAppends(signalled);
    }
  }

  private async *eventsOf(pages: AsyncIterable<readonly RecordedEvent[]>): AsyncGenerator<RecordedEvent> {
    for await (const page of pages) {
      for (const event of page) {
        if (this.closed) return;
        yield event;
      }
    }
  }

  /** Resolves on the next append signal after `signalled`, poll tick or close, whichever is first. */
  private waitForAppends(signalled: number): Promise<void> {
    if (this.closed || this.options.signal.count !== signalled) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stopListening();
        this.wakers.delete(wake);
        resolve();
      };
      const { pollIntervalMs } = this.options;
      const stopListening = this.options.signal.listen(wake);
      const timer = pollIntervalMs === undefined ? undefined : setTimeout(wake, pollIntervalMs);
      this.wakers.add(wake);
    });
  }
}
