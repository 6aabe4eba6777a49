import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@app/application';
import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';
import { FEED_LINGER_MS, isApplicationEvent, type FeedPoll, type FeedReader, type SharedFeedTail } from './change-feed';
import { serialisedItem, sharedPage, type SerialisedItem, type SharedPage } from './feed-page';
import { TailRedaction } from './tail-redaction';
import { TailWindow } from './tail-window';
import { WaitingPolls, type PageKey } from './waiting-polls';
/** Full pages kept (the oldest is dropped first): the cursors that followers catching up share. */
const MAX_FULL_ANSWERS = 64;

/**
 * The end of the change feed, read, redacted and serialised once for every reader who follows it:
 * long polls and Server-Sent Event streams. Without it each client held a subscription of its own
 * and redacted and serialised every event again. One subscription here follows the log from the
 * head at the first request; each event is redacted once (as the audit routes redact it for a
 * reader who does not reveal personal data; TailRedaction reads a case's stream once, not for
 * each of its events) and each item serialised once. Polls for the
 * same page (cursor, limit, notes shown or not) wait together and get the same bytes: a full page
 * as soon as it is full, a page that is not full at the next tick, FEED_LINGER_MS at most after its
 * first event reached them, so that followers come back at one cursor. Streams at the head are
 * woken FEED_LINGER_MS after the tail moved, and the streams at one cursor write the same batch.
 * It serves only positions it
 * has seen since it started, to readers who do not reveal personal data (a reveal is recorded per
 * request); everything else reads the store. Should its subscription fail, it stops serving and
 * readers go to the store.
 */
@Injectable()
export class FeedTail implements SharedFeedTail, OnApplicationShutdown {
  /** Null until the first reader starts the tail. */
  private window: TailWindow | null = null;
  private redaction: TailRedaction | null = null;
  private subscription: StoreSubscription | null = null;
  private failed = false;
  /** Answers built since the tail last moved, by page: a page is serialised once, whoever asks. */
  private answers = new Map<string, SharedPage>();
  /**
   * Full pages, which no later event changes: kept while the tail moves, for the followers who
   * come back one by one at the cursor the previous page gave them.
   */
  private fullAnswers = new Map<string, SharedPage>();
  private readonly waiting = new WaitingPolls((key) => this.answerFor(key));
  private tick: NodeJS.Timeout | null = null;
  /** The streams waiting for the tail to move. */
  private readonly movers = new Set<() => void>();
  /** Wakes the waiting streams FEED_LINGER_MS after the tail moved, so that each write carries what came meanwhile. */
  private streamTick: NodeJS.Timeout | null = null;
  /** Stream batches since the tail last moved, by cursor and notes shown: the streams at one cursor share one. */
  private batches = new Map<string, SerialisedItem[]>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** True when the tail serves `reader` after `position` (the first call starts it). */
  async covers(reader: FeedReader, position: number): Promise<boolean> {
    if (reader.personalData === 'include' || this.failed) return false;
    await this.start();
    return !this.failed && this.window !== null && position >= this.window.coveredAfter;
  }

  async answer(reader: FeedReader, poll: FeedPoll): Promise<SharedPage | undefined> {
    if (!(await this.covers(reader, poll.after))) return undefined;
    const key: PageKey = { after: poll.after, limit: poll.limit, seesNotes: reader.seesNotes };
    const now = this.answerFor(key);
    const found = now.count;
    if (found >= poll.limit || poll.waitMs <= 0 || poll.signal.aborted) return now;
    if (found > 0) this.armTick();
    return this.waiting.wait(key, poll);
  }

  /**
   * The items after `after` that `reader` is shown, in batches as the tail reads them, until
   * `signal` aborts. It ends sooner, and the caller goes on from the store, when the tail no longer
   * covers the position reached: it failed, or dropped what a slow reader had not read yet.
   */
  async *itemsAfter(reader: FeedReader, after: number, signal: AbortSignal): AsyncGenerator<SerialisedItem[]> {
    let cursor = after;
    while (!signal.aborted && (await this.covers(reader, cursor))) {
      const { items, upTo } = this.batchAfter(cursor, reader.seesNotes);
      cursor = upTo;
      if (items.length > 0) yield items;
      else await this.moved(signal);
    }
  }

  /** The items after `cursor` for a stream, the same array for every stream at that cursor until the tail moves. */
  private batchAfter(cursor: number, seesNotes: boolean): Readonly<{ items: SerialisedItem[]; upTo: number }> {
    const upTo = this.window!.seenUpTo;
    if (cursor >= upTo) return { items: [], upTo: cursor };
    const id = `${cursor}/${seesNotes}`;
    let items = this.batches.get(id);
    if (!items) this.batches.set(id, (items = this.window!.after(cursor, seesNotes).items));
    return { items, upTo };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopTicking();
    this.wakeMovers();
    this.waiting.settle((key) => this.answerFor(key));
    await this.subscription?.close();
  }

  /** The page for `key` as the tail has it now, built once until the tail moves. */
  private answerFor(key: PageKey): SharedPage {
    const id = `${key.after}/${key.limit}/${key.seesNotes}`;
    const known = this.fullAnswers.get(id) ?? this.answers.get(id);
    if (known) return known;
    const answer = this.build(key);
    if (answer.count < key.limit) this.answers.set(id, answer);
    else {
      if (this.fullAnswers.size >= MAX_FULL_ANSWERS) this.fullAnswers.delete(this.fullAnswers.keys().next().value!);
      this.fullAnswers.set(id, answer);
    }
    return answer;
  }

  private build({ after, limit, seesNotes }: PageKey): SharedPage {
    const { items, upTo } = this.window!.after(after, seesNotes, limit);
    return sharedPage(items, upTo);
  }

  private async start(): Promise<void> {
    if (this.window !== null || this.subscription) return;
    const head = await this.store.headPosition();
    if (this.subscription) return;
    this.window = new TailWindow(head);
    this.redaction = new TailRedaction(this.store);
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
      this.stopTicking();
      this.waiting.settle(() => undefined);
      this.wakeMovers();
    }
  }

  private async add(page: readonly RecordedEvent[]): Promise<void> {
    const items = await this.redaction!.itemsOf(page.filter(isApplicationEvent));
    const window = this.window!;
    if (window.add(items.map(serialisedItem), page.at(-1)?.position ?? 0)) this.fullAnswers.clear();
    this.answers.clear();
    this.batches.clear();
    this.streamTick ??= setTimeout(() => {
      this.streamTick = null;
      this.wakeMovers();
    }, FEED_LINGER_MS);
    const coveredAfter = window.coveredAfter;
    let gathering = false;
    this.waiting.settle((key) => {
      if (key.after < coveredAfter) return undefined;
      const answer = this.answerFor(key);
      if (answer.count >= key.limit) return answer;
      gathering ||= answer.count > 0;
      return null;
    });
    if (gathering) this.armTick();
  }

  /** The next tick, FEED_LINGER_MS from now unless one is already due. */
  private armTick(): void {
    this.tick ??= setTimeout(() => this.release(), FEED_LINGER_MS);
  }

  /** The tick: every waiting poll whose page has an event gets it now. */
  private release(): void {
    this.tick = null;
    this.waiting.settle((key) => {
      const answer = this.answerFor(key);
      return answer.count > 0 ? answer : null;
    });
  }

  /** Resolves when the tail has moved (or failed), or `signal` aborts. */
  private moved(signal: AbortSignal): Promise<void> {
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

  private wakeMovers(): void {
    for (const wake of [...this.movers]) wake();
  }

  private stopTicking(): void {
    if (this.tick) clearTimeout(this.tick);
    if (this.streamTick) clearTimeout(this.streamTick);
    this.tick = this.streamTick = null;
  }
}

async function* singleEvents(subscription: StoreSubscription): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of subscription) yield [event];
}
