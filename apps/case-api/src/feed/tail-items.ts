import type { EventStore, RecordedEvent } from '@app/event-store';
import { isApplicationEvent } from './change-feed';
import { serialisedItem, type SerialisedItem } from './feed-page';
import { TailRedaction } from './tail-redaction';

/**
 * The shared feed tail's work on each page of the log it follows: the page's application events,
 * in log order, redacted (TailRedaction) and serialised as feed items. Pages are given in log
 * order, each once, the next after the previous one's answer.
 */
export type TailItems = Readonly<{
  itemsOf(page: readonly RecordedEvent[]): Promise<SerialisedItem[]>;
  /** Ends the work; a page still asked for is answered all the same. */
  close(): Promise<void>;
}>;

/** The tail's work on the event loop (the memory and KurrentDB stores, and a thread's fallback). */
export class InProcessTailItems implements TailItems {
  private readonly redaction: TailRedaction;

  constructor(store: EventStore) {
    this.redaction = new TailRedaction(store);
  }

  async itemsOf(page: readonly RecordedEvent[]): Promise<SerialisedItem[]> {
    return (await this.redaction.itemsOf(page.filter(isApplicationEvent))).map(serialisedItem);
  }

  async close(): Promise<void> {}
}
