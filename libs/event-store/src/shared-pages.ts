import type { RecordedEvent } from './event-store.port';

export type SharedPagesStats = Readonly<{ hits: number; misses: number }>;

/**
 * The last full pages of the global log that this process read, shared by its subscriptions.
 * A service runs several catch-up workers (read models and processes) over the same log; on a
 * first start or a rebuild they read the same pages within a few turns of each other, and without
 * sharing each one would read and JSON-parse every event again. A full page (as many events as
 * asked for) never changes once read: positions only grow and events are immutable, so a later
 * append cannot add an event inside it. A short page (the tail) is never kept. Handlers must not
 * mutate events, which the in-memory store already enforces by freezing them.
 */
export class SharedPages {
  private readonly pages = new Map<string, readonly RecordedEvent[]>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly capacity = 16) {}

  read(after: number, limit: number, load: () => RecordedEvent[]): readonly RecordedEvent[] {
    const key = `${after}:${limit}`;
    const cached = this.pages.get(key);
    if (cached) {
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    const page = load();
    if (page.length === limit && this.capacity > 0) {
      this.pages.set(key, page);
      if (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value as string);
    }
    return page;
  }

  stats(): SharedPagesStats {
    return { hits: this.hits, misses: this.misses };
  }
}
