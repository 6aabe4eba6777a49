/**
 * The last few application states the case view folded, kept parsed. An entry is used only when
 * its revision is the one stored in the row (checked on every event), so a row written by another
 * process or rolled back with its batch is read from the table again, never from here.
 * A parsed state takes about 3 KB of heap (a heap snapshot under submission load: 11 MB for 4,000):
 * the default 1,000 entries hold about 3 MB for good.
 */
export class StateCache<S> {
  private readonly entries = new Map<string, Readonly<{ revision: number; state: S }>>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly capacity = 1_000) {}

  get(key: string, storedRevision: number): S | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.revision !== storedRevision) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.state;
  }

  /**
   * The entry's state if it is at `storedRevision`, for a reader (not the fold): it neither counts
   * as a hit or a miss nor moves the entry, so the figures stay those of the fold.
   */
  peek(key: string, storedRevision: number): S | undefined {
    const entry = this.entries.get(key);
    return entry?.revision === storedRevision ? entry.state : undefined;
  }

  set(key: string, revision: number, state: S): void {
    this.entries.delete(key);
    this.entries.set(key, { revision, state });
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
      this.evictions++;
    }
  }

  /** Entries held and the most it holds, and hits, misses and evictions since start. */
  stats(): Readonly<{ entries: number; max_entries: number; hits: number; misses: number; evictions: number }> {
    const { hits, misses, evictions } = this;
    return { entries: this.entries.size, max_entries: this.capacity, hits, misses, evictions };
  }
}
