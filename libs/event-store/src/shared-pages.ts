import type { RecordedEvent } from './event-store.port';

/**
 * The last full pages of the global log that this process read, shared by its subscriptions.
 * A service runs several catch-up workers (read models and processes) over the same log; on a
 * first start they read the same pages within a few turns of each other, and without sharing
 * each one would read and JSON-parse every event again. A full page (as many events as asked
 * for) never changes once read: positions only grow and events are immutable, so a later append
 * cannot add an event inside it. A short page means its reader is at the tail: the pages are
 * dropped then, so a service that has caught up holds none. Handlers must not mutate events,
 * which the in-memory store already enforces by freezing them.
 */
export class SharedPages {
  private readonly pages = new Map<string, readonly RecordedEvent[]>();

  constructor(private readonly capacity = 16) {}

  read(after: number, limit: number, load: () => RecordedEvent[]): readonly RecordedEvent[] {
    const key = `${after}:${limit}`;
    const cached = this.pages.get(key);
    if (cached) return cached;
    const page = load();
    if (page.length < limit) {
      this.pages.clear();
      return page;
    }
    this.pages.set(key, page);
    if (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value as string);
    return page;
  }
}
