import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@app/application';
import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';
import {
  FEED_LINGER_MS,
  FEED_TAIL_IDLE,
  FEED_TAIL_IDLE_MS,
  type FeedPoll,
  type FeedReader,
  type SharedFeedTail,
} from './change-feed';
import type { SerialisedItem, SharedPage } from './feed-page';
import { TailAnswers } from './tail-answers';
import type { TailItems } from './tail-items';
import { tailItemsFor } from './tail-thread/tail-thread-items';
import { TailWindow } from './tail-window';
import { WaitingPolls, type PageKey } from './waiting-polls';
import { WaitingStreams } from './waiting-streams';

/** Injection token of the tail's TailItems factory, for specs; `tailItemsFor` unless provided. */
export const FEED_TAIL_ITEMS = 'FEED_TAIL_ITEMS';

/** One reading of the log by the tail, from the head at its start until it fails, idles or the server stops. */
type TailRun = Readonly<{
  window: TailWindow;
  /** Redacts and serialises each page read: on a thread of its own on the SQLite store. */
  items: TailItems;
  subscription: StoreSubscription;
  /** Checks every idleMs / 2 whether the tail is still read (unref'd: it keeps no process alive). */
  idleCheck: NodeJS.Timeout;
}>;

/**
 * The end of the change feed, read, redacted and serialised once for every reader who follows it:
 * long polls and Server-Sent Event streams. Without it each client held a subscription of its own
 * and redacted and serialised every event again. One subscription here follows the log from the
 * head at the first request; each event is redacted once (as the audit routes redact it for a
 * reader who does not reveal personal data; TailRedaction reads a case's stream once, not for
 * each of its events) and each item serialised once: on the SQLite store by a thread of its own
 * that reads the log itself and builds each item's Server-Sent Event too (tail-thread/). Polls for the same page (cursor, limit, notes
 * shown or not) wait together and get the same bytes: a full page as soon as it is full, a page
 * that is not full at the next tick, FEED_LINGER_MS at most after its first event reached them, so
 * that followers come back at one cursor. Streams at the head are woken FEED_LINGER_MS after the
 * tail moved, and the streams at one cursor write the same batch. It serves only positions it has
 * seen since it started, to readers who do not reveal personal data (a reveal is recorded per
 * request); everything else reads the store. Should its subscription fail, it stops serving and
 * readers go to the store. Once no reader has used it for FEED_TAIL_IDLE_MS it stops, and the
 * next request starts it again from the head, as the first did.
 */
@Injectable()
export class FeedTail implements SharedFeedTail, OnApplicationShutdown {
  /** Null until a reader starts the tail, and again once it idled. */
  private run: TailRun | null = null;
  private starting: Promise<TailRun> | null = null;
  private failed = false;
  /** When a reader last asked (performance.now()). */
  private lastUsed = 0;
  private readonly answers = new TailAnswers();
  private readonly waiting = new WaitingPolls((key) => this.answerFor(key));
  private tick: NodeJS.Timeout | null = null;
  private readonly streams = new WaitingStreams();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(FEED_TAIL_IDLE) private readonly idleMs: number = FEED_TAIL_IDLE_MS,
    /** Who redacts and serialises the pages of each reading of the log: a thread on the SQLite store. */
    @Optional() @Inject(FEED_TAIL_ITEMS) private readonly itemsFor: (store: EventStore) => TailItems = tailItemsFor,
  ) {}

  /** True when the tail serves `reader` after `position` (the first call, or the first since it idled, starts it). */
  async covers(reader: FeedReader, position: number): Promise<boolean> {
    if (reader.personalData === 'include' || this.failed) return false;
    this.lastUsed = performance.now();
    const run = this.run ?? (await this.start());
    return !this.failed && position >= run.window.coveredAfter;
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
    this.streams.following++;
    try {
      while (!signal.aborted && (await this.covers(reader, cursor))) {
        const { items, upTo } = this.streams.batchAfter(this.run!.window, cursor, reader.seesNotes);
        cursor = upTo;
        if (items.length > 0) yield items;
        else await this.streams.moved(signal);
      }
    } finally {
      this.streams.following--;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopTicking();
    this.streams.wake();
    this.waiting.settle((key) => this.answerFor(key));
    if (this.run) clearInterval(this.run.idleCheck);
    await this.run?.subscription.close();
    await this.run?.items.close();
  }

  /** The page for `key` as the tail has it now, built once until the tail moves. */
  private answerFor(key: PageKey): SharedPage {
    return this.answers.answerFor(this.run!.window, key);
  }

  /** Follows the log from its head, once however many readers ask at the same moment. */
  private start(): Promise<TailRun> {
    this.starting ??= this.store.headPosition().then(
      (head) => {
        const subscription = this.store.subscribeToAll({ after: head });
        const idleCheck = setInterval(() => this.stopIfIdle(), this.idleMs / 2).unref();
        const window = new TailWindow(head);
        const run = { window, items: this.itemsFor(this.store), subscription, idleCheck };
        this.run = run;
        this.starting = null;
        void this.follow(run);
        return run;
      },
      (error: unknown) => {
        this.starting = null;
        throw error;
      },
    );
    return this.starting;
  }

  private async follow(run: TailRun): Promise<void> {
    try {
      const pages = run.subscription.pages?.() ?? singleEvents(run.subscription);
      for await (const page of pages) if (!(await this.add(run, page))) break;
    } catch {
      // A failed subscription ends the tail, as its end does: readers go to the store.
    } finally {
      if (this.run === run) {
        this.failed = true;
        clearInterval(run.idleCheck);
        void run.items.close();
        this.stopTicking();
        this.waiting.settle(() => undefined);
        this.streams.wake();
      }
    }
  }

  /** Takes a page of the log; false once the tail has stopped (it idled, or another run replaced this one). */
  private async add(run: TailRun, page: readonly RecordedEvent[]): Promise<boolean> {
    if (this.run !== run) return false;
    const items = await run.items.itemsOf(page);
    if (this.run !== run) return false;
    const window = run.window;
    this.answers.tailMoved(window.add(items, page.at(-1)?.position ?? 0));
    this.streams.tailMoved();
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
    return true;
  }

  /**
   * When no poll waits, no stream follows and no reader asked for FEED_TAIL_IDLE_MS, stops reading
   * the log and lets go of what was read: the next reader starts again from the head. A tail that
   * failed stays as it is: it serves no one.
   */
  private stopIfIdle(): void {
    const run = this.run;
    if (!run || this.failed) return;
    if (this.streams.following > 0 || this.waiting.size > 0 || performance.now() - this.lastUsed < this.idleMs) return;
    this.run = null;
    clearInterval(run.idleCheck);
    this.stopTicking();
    this.answers.clear();
    void run.subscription.close().catch(() => undefined);
    void run.items.close();
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

  private stopTicking(): void {
    if (this.tick) clearTimeout(this.tick);
    this.tick = null;
    this.streams.stop();
  }
}

async function* singleEvents(subscription: StoreSubscription): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of subscription) yield [event];
}
