import type { RecordedEvent } from './event-store.port';

/**
 * How many of its latest appends a process keeps parsed for its subscriptions: between this and
 * twice this, about 1.2 KB of heap an event (7.3 MB in a heap snapshot under submission load at
 * 4,096). Subscriptions that keep up read within a page or two (PROJECTION_BATCH_SIZE) of the head.
 */
export const RECENT_EVENTS_CAPACITY = 2048;

/**
 * The events this process appended last, parsed once, in one run of consecutive positions. A
 * service's subscriptions (read models and processes) all read the tail of the log just after
 * each append; without this each of them would read and JSON-parse the same rows again. A page
 * is served from here only when every position it covers is in the run: positions are unique
 * and only ever grow, and an event enters the run after its transaction committed, so such a
 * page is exactly what the table holds. Another process's append breaks the run (its position
 * is missing here), and pages across it are read from the table.
 */
export class RecentEvents {
  private run: RecordedEvent[] = [];
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly capacity = RECENT_EVENTS_CAPACITY) {}

  /** Committed events, in position order. */
  add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const last = this.run[this.run.length - 1];
      if (last && event.position !== last.position + 1) this.drop(this.run.length);
      this.run.push(event);
    }
    if (this.run.length > 2 * this.capacity) this.drop(this.run.length - this.capacity);
  }

  /** Events held and the most held; pages served (hits) or left to the table (misses), events let go. */
  stats(): Readonly<{ entries: number; max_entries: number; hits: number; misses: number; evictions: number }> {
    const { hits, misses, evictions } = this;
    return { entries: this.run.length, max_entries: 2 * this.capacity, hits, misses, evictions };
  }

  /**
   * The events after `after`, at most `limit`, in a log whose last position is `head`; undefined
   * when the run does not hold every one of them.
   */
  page(after: number, limit: number, head: number): readonly RecordedEvent[] | undefined {
    const first = this.run[0];
    const last = this.run[this.run.length - 1];
    const end = Math.min(after + limit, head);
    if (end <= after) return undefined;
    if (!first || after + 1 < first.position || end > last.position) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return this.run.slice(after + 1 - first.position, end - first.position + 1);
  }

  /**
   * The events of `stream` after `after` in a log whose last position is `head`; undefined when the
   * run does not hold every event past `after` up to `head`.
   */
  ofStream(stream: string, after: number, head: number): RecordedEvent[] | undefined {
    const first = this.run[0];
    const last = this.run[this.run.length - 1];
    if (!first || after + 1 < first.position || head > last.position) return undefined;
    const events: RecordedEvent[] = [];
    for (let index = Math.max(0, after + 1 - first.position); index < this.run.length; index++) {
      const event = this.run[index];
      if (event.position > head) break;
      if (event.streamName === stream) events.push(event);
    }
    return events;
  }

  /** Lets go of the oldest `count` events. */
  private drop(count: number): void {
    this.run = count >= this.run.length ? [] : this.run.slice(count);
    this.evictions += count;
  }
}
