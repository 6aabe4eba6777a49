import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@app/application';
import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';
import {
  feedItemsOf,
  isApplicationEvent,
  showsType,
  type FeedItem,
  type FeedPage,
  type FeedReader,
  type SharedFeedTail,
} from './change-feed';

/** Redacted items of the latest application events kept for the feed's readers (a few MB). */
const TAIL_ITEMS = 5000;

/**
 * The end of the change feed, read and redacted once for every reader who follows it. Without it
 * each long-polling client held a subscription of its own and, on every append, read the page and
 * every case in it again to redact it: 100 clients made submissions 20 times slower in the
 * bench. One subscription here follows the log from the head at the first request; each page is
 * redacted once (as the audit routes redact it for a reader who does not reveal personal data) and
 * kept, and waiting readers wake together. It serves only positions it has seen since it started,
 * to readers who do not reveal personal data (a reveal is recorded per request); everything else
 * reads the store as before. Should its subscription fail, it stops serving and readers go to the
 * store.
 */
@Injectable()
export class FeedTail implements SharedFeedTail, OnApplicationShutdown {
  private items: FeedItem[] = [];
  /** Every application event after this position and up to `seenUpTo` is in `items`; null until started. */
  private coveredAfter: number | null = null;
  private seenUpTo = 0;
  private subscription: StoreSubscription | null = null;
  private failed = false;
  private waiters = new Set<() => void>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The page after `after` for `reader`, or undefined when the tail cannot answer it. */
  async page(reader: FeedReader, after: number, limit: number): Promise<FeedPage | undefined> {
    if (reader.personalData === 'include' || this.failed) return undefined;
    await this.start();
    if (this.coveredAfter === null || after < this.coveredAfter) return undefined;
    // A reader ahead of the tail (its cursor came from the store a moment ago) waits for it to catch up.
    if (after >= this.seenUpTo) return { events: [], nextAfter: after };
    const events: FeedItem[] = [];
    for (let index = firstAfter(this.items, after); index < this.items.length; index++) {
      const item = this.items[index];
      if (!showsType(reader, item.type)) continue;
      events.push(item);
      if (events.length === limit) return { events, nextAfter: item.position };
    }
    return { events, nextAfter: this.seenUpTo };
  }

  /** Resolves when the tail has read more of the log, `signal` aborts, or `ms` have passed. */
  next(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    for (const wake of [...this.waiters]) wake();
  }

  private async start(): Promise<void> {
    if (this.coveredAfter !== null || this.subscription) return;
    const head = await this.store.headPosition();
    if (this.subscription) return;
    this.coveredAfter = this.seenUpTo = head;
    const subscription = (this.subscription = this.store.subscribeToAll({ after: head }));
    void this.follow(subscription);
  }

  private async follow(subscription: StoreSubscription): Promise<void> {
    try {
      const pages = subscription.pages?.() ?? singleEvents(subscription);
      for await (const page of pages) await this.add(page);
    } catch {
      // A failed subscription ends the tail, as its end does: readers go to the store.
    } finally {
      this.failed = true;
      for (const wake of [...this.waiters]) wake();
    }
  }

  private async add(page: readonly RecordedEvent[]): Promise<void> {
    const items = await feedItemsOf(this.store, page.filter(isApplicationEvent), undefined);
    this.items.push(...items);
    if (this.items.length > 2 * TAIL_ITEMS) {
      const dropped = this.items.length - TAIL_ITEMS;
      this.coveredAfter = this.items[dropped - 1].position;
      this.items = this.items.slice(dropped);
    }
    this.seenUpTo = page[page.length - 1]?.position ?? this.seenUpTo;
    for (const wake of [...this.waiters]) wake();
  }
}

/** Index of the first item after `position`, by binary search: the items are in position order. */
function firstAfter(items: readonly FeedItem[], position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle].position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

async function* singleEvents(subscription: StoreSubscription): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of subscription) yield [event];
}
