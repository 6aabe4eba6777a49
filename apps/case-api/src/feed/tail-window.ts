import { showsType } from './change-feed';
import type { SerialisedItem } from './feed-page';

/** Redacted items of the latest application events kept for the feed's readers (a few MB). */
const TAIL_ITEMS = 5000;

/** Items after a position, and the position they reach: the last item's when `limit` cut them short. */
export type TailSlice = Readonly<{ items: SerialisedItem[]; upTo: number }>;

/**
 * The latest items of the feed, serialised, in log order: every application event after
 * `coveredAfter` and up to `seenUpTo`. The oldest are dropped once twice TAIL_ITEMS are held.
 */
export class TailWindow {
  private entries: SerialisedItem[] = [];

  constructor(
    private coveredAfterPosition: number,
    private seenUpToPosition = coveredAfterPosition,
  ) {}

  get coveredAfter(): number {
    return this.coveredAfterPosition;
  }

  get seenUpTo(): number {
    return this.seenUpToPosition;
  }

  /** Adds the items of the log up to `upTo`; true when the oldest were dropped (positions no longer covered). */
  add(items: readonly SerialisedItem[], upTo: number): boolean {
    for (const item of items) this.entries.push(item);
    this.seenUpToPosition = Math.max(this.seenUpToPosition, upTo);
    if (this.entries.length <= 2 * TAIL_ITEMS) return false;
    const dropped = this.entries.length - TAIL_ITEMS;
    this.coveredAfterPosition = this.entries[dropped - 1].position;
    this.entries = this.entries.slice(dropped);
    return true;
  }

  /** Up to `limit` items after `after` that a reader who sees notes or not is shown. */
  after(after: number, seesNotes: boolean, limit = Infinity): TailSlice {
    // A reader ahead of the tail (its cursor came from the store a moment ago) waits for it to catch up.
    if (after >= this.seenUpToPosition) return { items: [], upTo: after };
    const reader = { seesNotes };
    const items: SerialisedItem[] = [];
    for (let index = firstAfter(this.entries, after); index < this.entries.length; index++) {
      const entry = this.entries[index];
      if (!showsType(reader, entry.type)) continue;
      items.push(entry);
      if (items.length === limit) return { items, upTo: entry.position };
    }
    return { items, upTo: this.seenUpToPosition };
  }
}

/** Index of the first entry after `position`, by binary search: the entries are in position order. */
function firstAfter(entries: readonly SerialisedItem[], position: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].position <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}
