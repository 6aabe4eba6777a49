/** What the pipeline needs of a stream to decide the next command without reading it. */
export type CachedStream = Readonly<{
  state: unknown;
  /** Revision of the stream's last event, or null while it has none. */
  revision: number | null;
  /** Hash of the last event: the next event's `previousHash`. */
  lastHash: string | null;
  /** Global position of the last event. */
  lastPosition: number;
  /** Every command id in the stream: a retried command is answered from the stored events. */
  commandIds: ReadonlySet<string>;
}>;

export type StreamCacheStats = Readonly<{
  entries: number;
  /** The most entries held (STREAM_CACHE_ENTRIES). */
  max_entries: number;
  hits: number;
  misses: number;
  evictions: number;
}>;

/**
 * The folded state of the streams commands were last decided on, least recently used evicted
 * first (DESIGN.md, the write path). An entry is a hint, never a source of truth: every append
 * still carries the expected revision, so an entry another process made stale shows up as a
 * revision conflict, and the pipeline drops it and reads the stream again.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new Error(`A stream cache holds at least 1 entry, not ${maxEntries}`);
  }

  get(stream: string): CachedStream | undefined {
    const entry = this.entries.get(stream);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry;
  }

  set(stream: string, entry: CachedStream): void {
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size <= this.maxEntries) return;
    const oldest = this.entries.keys().next().value as string;
    this.entries.delete(oldest);
    this.evictions++;
  }

  delete(stream: string): void {
    this.entries.delete(stream);
  }

  stats(): StreamCacheStats {
    const { hits, misses, evictions } = this;
    return { entries: this.entries.size, max_entries: this.maxEntries, hits, misses, evictions };
  }
}
