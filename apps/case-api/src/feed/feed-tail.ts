import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '@app/application';
import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';
import {
  FEED_LINGER_MS,
  feedItemsOf,
  isApplicationEvent,
  showsType,
  type FeedPoll,
  type FeedReader,
  type SharedFeedTail,
} from './change-feed';
import { serialisedItem, sharedAnswer, type FeedAnswer, type SerialisedItem } from './feed-page';
import { WaitingPolls, type PageKey } from './waiting-polls';

/** Redacted items of the latest application events kept for the feed's readers (a few MB). */
const TAIL_ITEMS = 5000;
/** Full pages kept (the oldest is dropped first): the cursors that followers catching up share. */
const MAX_FULL_ANSWERS = 64;

/**
 * The end of the change feed, read, redacted and serialised once for every reader who follows it.
 * Without it each long-polling client held a subscription of its own and, on every append, read
 * the page and every case in it again to redact it. One subscription here follows the log from
 * the head at the first request; each page of the log is redacted once (as the audit routes
 * redact it for a reader who does not reveal personal data) and each item serialised once. Polls
 * for the same page (cursor, limit, notes shown or not) wait together and get the same bytes: a
 * full page as soon as it is full, a page that is not full at the next tick, FEED_LINGER_MS at
 * most after its first event reached them, so that followers come back at one cursor. It serves
 * only positions it has seen since it started, to readers who do not reveal personal data (a
 * reveal is recorded per request); everything else reads the store. Should its subscription
 * fail, it stops serving and readers go to the store.
 */
@Injectable()
export class FeedTail implements SharedFeedTail, OnApplicationShutdown {
  private entries: SerialisedItem[] = [];
  /** Every application event after this position and up to `seenUpTo` is in `entries`; null until started. */
  private coveredAfter: number | null = null;
  private seenUpTo = 0;
  private subscription: StoreSubscription | null = null;
  private failed = false;
  /** Answers built since the tail last moved, by page: a page is serialised once, whoever asks. */
  private answers = new Map<string, FeedAnswer>();
  /**
   * Full pages, which no later event changes: kept while the tail moves, for the followers who
   * come back one by one at the cursor the previous page gave them.
   */
  private fullAnswers = new Map<string, FeedAnswer>();
  private readonly waiting = new WaitingPolls((key) => this.answerFor(key));
  private tick: NodeJS.Timeout | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async answer(reader: FeedReader, poll: FeedPoll): Promise<FeedAnswer | undefined> {
    if (reader.personalData === 'include' || this.failed) return undefined;
    await this.start();
    if (this.failed || this.coveredAfter === null || poll.after < this.coveredAfter) return undefined;
    const key: PageKey = { after: poll.after, limit: poll.limit, seesNotes: reader.seesNotes };
    const now = this.answerFor(key);
    const found = now.page.events.length;
    if (found >= poll.limit || poll.waitMs <= 0 || poll.signal.aborted) return now;
    if (found > 0) this.armTick();
    return this.waiting.wait(key, poll);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopTicking();
    this.waiting.settle((key) => this.answerFor(key));
    await this.subscription?.close();
  }

  /** The page for `key` as the tail has it now, built once until the tail moves. */
  private answerFor(key: PageKey): FeedAnswer {
    const id = `${key.after}/${key.limit}/${key.seesNotes}`;
    const known = this.fullAnswers.get(id) ?? this.answers.get(id);
    if (known) return known;
    const answer = this.build(key);
    if (answer.page.events.length < key.limit) this.answers.set(id, answer);
    else {
      if (this.fullAnswers.size >= MAX_FULL_ANSWERS) this.fullAnswers.delete(this.fullAnswers.keys().next().value!);
      this.fullAnswers.set(id, answer);
    }
    return answer;
  }

  private build({ after, limit, seesNotes }: PageKey): FeedAnswer {
    // A reader ahead of the tail (its cursor came from the store a moment ago) waits for it to catch up.
    if (after >= this.seenUpTo) return sharedAnswer([], after);
    const reader = { seesNotes };
    const found: SerialisedItem[] = [];
    for (let index = firstAfter(this.entries, after); index < this.entries.length; index++) {
      const entry = this.entries[index];
      if (!showsType(reader, entry.item.type)) continue;
      found.push(entry);
      if (found.length === limit) return sharedAnswer(found, entry.item.position);
    }
    return sharedAnswer(found, this.seenUpTo);
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
      this.stopTicking();
      this.waiting.settle(() => undefined);
    }
  }

  private async add(page: readonly RecordedEvent[]): Promise<void> {
    const items = await feedItemsOf(this.store, page.filter(isApplicationEvent), undefined);
    for (const item of items) this.entries.push(serialisedItem(item));
    if (this.entries.length > 2 * TAIL_ITEMS) {
      const dropped = this.entries.length - TAIL_ITEMS;
      this.coveredAfter = this.entries[dropped - 1].item.position;
      this.entries = this.entries.slice(dropped);
      this.fullAnswers.clear();
    }
    this.seenUpTo = page[page.length - 1]?.position ?? this.seenUpTo;
    this.answers.clear();
    const coveredAfter = this.coveredAfter ?? this.seenUpTo;
    let gathering = false;
    this.waiting.settle((key) => {
      if (key.after < coveredAfter) return undefined;
      const answer = this.answerFor(key);
      if (answer.page.events.length >= key.limit) return answer;
      gathering ||= answer.page.events.length > 0;
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
      return answer.page.events.length > 0 ? answer : null;
    });
  }

  private stopTicking(): void {
    if (this.tick) clearTimeout(this.tick);
    this.tick = null;
  }
}

/** Index of the first entry after `position`, by binary search: the entries are in position order. */
function firstAfter(entries: readonly SerialisedItem[], position: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].item.position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}

async function* singleEvents(subscription: StoreSubscription): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of subscription) yield [event];
}
