import { applicationStreamName, type ApplicationView } from '@app/domain';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@app/event-store';
import { applicationNotFound, type PointInTime } from './application-history';
import { DEFAULT_SNAPSHOT_EVERY, ReplayedStream } from './replayed-stream';

export type CaseReplayCacheOptions = Readonly<{
  /** Most streams held (least recently used evicted); 0 holds none: every replay reads its stream. */
  maxEntries: number;
  /** Most bytes held, counted as the JSON length of the events and memoized answers (the heap holds about 2.5 times that). */
  maxBytes: number;
  snapshotEvery?: number;
}>;

export type CaseReplayCacheStats = Readonly<{
  entries: number;
  bytes: number;
  /** The bounds: AS_OF_CACHE_ENTRIES and AS_OF_CACHE_MB in bytes. */
  max_entries: number;
  max_bytes: number;
  /** Replays answered from a held stream (extended by any events appended since). */
  hits: number;
  /** Replays that read the whole stream: not held, evicted, or no longer what the store says. */
  misses: number;
  evictions: number;
}>;

/**
 * The auditor's as-of replays (`GET /v1/applications/{id}/history?asOf=|revision=`) without
 * reading and parsing the whole stream each time. A held stream is checked against the store on
 * every replay by reading from its last held revision on: that event must still be there with
 * the same id and hash (a stream rewritten with recomputed hashes changes its head's hash), and
 * whatever follows it, appended since by this or any other process, is folded in. Otherwise the
 * stream is read again from revision 0. An event edited in place without recomputing the chain
 * is what `GET …/verification` reports: that route always reads the store, never this cache.
 */
export class CaseReplayCache {
  private readonly streams = new Map<string, ReplayedStream>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: CaseReplayCacheOptions,
  ) {}

  /** The application as it stood at `at`; null before it existed; APPLICATION_NOT_FOUND for an unknown one. */
  async viewAt(applicationId: string, at: PointInTime): Promise<ApplicationView | null> {
    return this.answer(applicationId, await this.current(applicationId), (held) => held.viewAt(at));
  }

  /** `viewAt` as the JSON text of an HTTP answer, serialised once per point in time of a held stream. */
  async viewJsonAt(applicationId: string, at: PointInTime): Promise<string | null> {
    return (await this.viewJsonBytesAt(applicationId, at))?.toString('utf8') ?? null;
  }

  /**
   * `viewJsonAt` in UTF-8, as the HTTP answer sends it: the same bytes for every replay of one point
   * in time of a held stream (a string body would be encoded and copied again for each answer).
   */
  async viewJsonBytesAt(applicationId: string, at: PointInTime): Promise<Buffer | null> {
    return this.answer(applicationId, await this.current(applicationId), (held) => held.viewJsonAt(at));
  }

  /**
   * `viewJsonBytesAt` without waiting, for a held stream whose store names its head synchronously
   * and still ends with the last event held: the same check against the store and the same answer,
   * without a promise of its own. Undefined when it cannot be answered so (not held, appended to or
   * rewritten since, or a store without `streamHead`): the caller then asks `viewJsonBytesAt`.
   */
  heldViewJsonBytesAt(applicationId: string, at: PointInTime): Buffer | null | undefined {
    const name = applicationStreamName(applicationId);
    const held = this.streams.get(name);
    if (held === undefined || !this.unchangedAtHead(name, held)) return undefined;
    return this.answer(applicationId, this.hit(name, held, []), (stream) => stream.viewJsonAt(at));
  }

  stats(): CaseReplayCacheStats {
    const { streams, bytes, hits, misses, evictions } = this;
    const { maxEntries: max_entries, maxBytes: max_bytes } = this.options;
    return { entries: streams.size, bytes, max_entries, max_bytes, hits, misses, evictions };
  }

  /**
   * Asks the current stream; the memoized answer it keeps or lets go changes the bytes held.
   * Synchronous (one promise less for every replay: the route's request path counts them).
   */
  private answer<T>(applicationId: string, held: ReplayedStream, ask: (held: ReplayedStream) => T): T {
    const before = held.bytes;
    const answer = ask(held);
    if (held.bytes !== before && this.streams.get(applicationStreamName(applicationId)) === held) {
      this.bytes += held.bytes - before;
      this.evict();
    }
    return answer;
  }

  private async current(applicationId: string): Promise<ReplayedStream> {
    const name = applicationStreamName(applicationId);
    const held = this.streams.get(name);
    if (held) {
      if (this.unchangedAtHead(name, held)) return this.hit(name, held, []);
      const tail = await readFrom(this.store, name, held.lastRevision);
      if (tail.length > 0 && held.holds(tail[0]) && this.streams.get(name) === held) return this.hit(name, held, tail);
      this.drop(name);
    }
    this.misses++;
    const events = await readFrom(this.store, name, 0);
    if (events.length === 0) throw applicationNotFound(applicationId);
    const read = new ReplayedStream(this.options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
    read.extend(events);
    this.drop(name);
    this.streams.set(name, read);
    this.bytes += read.bytes;
    this.evict();
    return read;
  }

  /**
   * Whether the store's last event of the stream is the last one held (same revision, id and hash),
   * asked of a store that answers it without reading the event: then nothing was appended since.
   */
  private unchangedAtHead(name: string, held: ReplayedStream): boolean {
    const head = this.store.streamHead?.(name) ?? null;
    return head !== null && held.endsWith(head);
  }

  /** A held stream answers: the most recently used now, extended by the events appended since. */
  private hit(name: string, held: ReplayedStream, appended: readonly RecordedEvent[]): ReplayedStream {
    this.hits++;
    this.streams.delete(name);
    this.streams.set(name, held);
    this.bytes += held.extend(appended);
    this.evict();
    return held;
  }

  /** Least recently used first, until both bounds hold (a stream larger than the byte bound is not kept). */
  private evict(): void {
    while (this.streams.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const oldest = this.streams.keys().next();
      if (oldest.done) return;
      this.drop(oldest.value);
      this.evictions++;
    }
  }

  private drop(name: string): void {
    const held = this.streams.get(name);
    if (!held) return;
    this.streams.delete(name);
    this.bytes -= held.bytes;
  }
}

async function readFrom(store: EventStore, stream: string, fromRevision: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream, { fromRevision: Math.max(0, fromRevision) });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
