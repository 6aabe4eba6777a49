import Database from 'better-sqlite3';
import { AppendSignal } from './append-signal';
import { CatchUpSubscription } from './catch-up-subscription';
import { StoreUnavailableError, StreamNotFoundError, WrongExpectedRevisionError } from './event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreSubscription,
  StreamHead,
  StreamName,
} from './event-store.port';
import { SqliteEventLog } from './sqlite-event-log';
import { SqliteStreamIndex } from './sqlite-stream-index';
import { OnceATurn } from './once-a-turn';
import { RecentEvents } from './recent-events';
import { SharedPages } from './shared-pages';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { configureConnection, migrate } from './sqlite-schema';
import { SqliteDurability } from './sqlite-durability';
import type { FlushToDisk } from './wal-sync';
import { guarded, guardedAsync, toStoreUnavailable } from './sqlite-unavailable';
import { SqliteAppends, type AppendOutcome } from './sqlite-appends';

export type SqliteEventStoreOptions = Readonly<{
  /** Clock for `recordedAt`; default the system clock. */
  now?: () => Date;
  /** How often subscriptions look for events appended by other processes; default 100 ms. */
  pollIntervalMs?: number;
  /** SQLite's busy_timeout: how long an append waits for another process's write lock; default 5000 ms. */
  busyTimeoutMs?: number;
  /** How the write-ahead log is flushed to the disk; default `fdatasync` on libuv's thread pool (tests slow it down). */
  flushToDisk?: FlushToDisk;
  /** SQLite's page cache of the store's connection, in MB; default SQLITE_EVENT_LOG_CACHE_MB. */
  cacheMb?: number;
}>;

/**
 * The embedded store: one SQLite file in WAL mode, shared safely by several processes. Appends
 * commit in `BEGIN IMMEDIATE` transactions (grouped, see SqliteGroupCommit), so writers in other
 * processes queue on the file's write lock (up to `busyTimeoutMs`) and every expected revision is
 * checked under that lock. A full disk, a read-only file, an I/O error or a lock held too long
 * rejects with `StoreUnavailableError` naming the cause, and nothing of the append is stored.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly log: SqliteEventLog;
  /** Which streams may exist (a read of a new one answers without the file), and the heads asked for. */
  private readonly streams: SqliteStreamIndex;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<StoreSubscription>();
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly groupCommit: SqliteGroupCommit<AppendOutcome>;
  /** Pages of the log read by this process's subscriptions, parsed once for all of them. */
  private readonly sharedPages = new SharedPages();
  /** What this process appended last, parsed once for the subscriptions that follow the tail. */
  private readonly recentEvents = new RecentEvents();
  /** The position of the last event this store committed. */
  private appendedUpTo = 0;
  /** The head the subscriptions' pages are cut at, read once a turn. */
  private readonly turnHead = new OnceATurn(() => this.log.headPosition());
  /** When commits are on disk: the WAL's fsync and checkpoints, off the event loop. */
  private readonly durability: SqliteDurability;
  /** What an append writes, decided inside the group's transaction. */
  private readonly appends: SqliteAppends;

  constructor(
    readonly filePath: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.db = new Database(filePath, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      const wal = configureConnection(this.db, options.cacheMb);
      migrate(this.db);
      this.log = new SqliteEventLog(this.db);
      this.streams = new SqliteStreamIndex(this.db);
      this.durability = new SqliteDurability(this.db, wal, {
        filePath,
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
        flushToDisk: options.flushToDisk,
        head: () => this.log.headPosition(),
        quietWindow: (checkpoint) => this.groupCommit.whileQuiet(checkpoint),
      });
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.groupCommit = new SqliteGroupCommit(this.db, undefined, (committed) => this.committed(committed));
    this.appends = new SqliteAppends(this.db, this.log, this.now);
  }

  async appendToStream(
    stream: StreamName,
    events: readonly EventToAppend[],
    { expectedRevision }: Readonly<{ expectedRevision: ExpectedRevision }>,
  ): Promise<AppendResult> {
    try {
      // Asked before the group's transaction: the filter's catch-up must not read rows that may yet roll back.
      const mayExist = guarded(() => this.streams.mayExist(stream));
      const { result, appended } = await this.groupCommit.submit(() =>
        this.appends.inTransaction(stream, events, expectedRevision, mayExist),
      );
      if (appended.length > 0) this.signal.notify();
      return result;
    } catch (error) {
      // Decided on a stream read as absent that another process had just begun: the retry reads it.
      if (error instanceof WrongExpectedRevisionError && error.actual !== 'no-stream')
        this.streams.foundElsewhere(stream);
      throw toStoreUnavailable(error);
    }
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (!guarded(() => this.streams.mayExist(stream))) throw new StreamNotFoundError(stream);
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    const events = guarded(() => this.log.readStream(stream, from, to));
    if (events.length === 0 && guarded(() => this.log.lastRevision(stream)) === undefined) {
      throw new StreamNotFoundError(stream);
    }
    return events;
  }

  async readStreamOrEmpty(stream: StreamName): Promise<RecordedEvent[]> {
    return guarded(() =>
      this.streams.mayExist(stream) ? this.log.readStream(stream, 0, Number.MAX_SAFE_INTEGER) : [],
    );
  }

  recentStreamEvents(stream: StreamName, after: number): readonly RecordedEvent[] | undefined {
    return this.recentEvents.ofStream(
      stream,
      after,
      guarded(() => this.turnHead.current()),
    );
  }

  streamHead(stream: StreamName): StreamHead | null {
    return guarded(() => this.streams.head(stream));
  }

  async readAll({ after = 0, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    return guarded(() => this.log.readAll(after, limit));
  }

  subscribeToAll(options: Readonly<{ after?: number }> = {}): StoreSubscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription({
      after: options.after ?? 0,
      readPage: (after, limit) => this.readPage(after, limit),
      signal: this.signal,
      pollIntervalMs: this.pollIntervalMs,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The latest appends kept parsed for the subscriptions: events held, pages served and not, events let go. */
  recentEventsStats(): ReturnType<RecentEvents['stats']> {
    return this.recentEvents.stats();
  }

  async headPosition(): Promise<number> {
    return guarded(() => this.log.headPosition());
  }

  lastAppendedPosition(): number {
    return this.appendedUpTo;
  }

  async checkHealth(): Promise<void> {
    try {
      this.db.prepare('SELECT 1').get();
    } catch (error) {
      throw new StoreUnavailableError(`the event store does not answer: ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    this.streams.close();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.durability.close();
    if (this.db.open) this.db.close();
  }

  /**
   * After a group's COMMIT: its events join the recent ones (the subscriptions read them from
   * memory), and the group's appends are answered once they are on disk.
   */
  private committed(outcomes: readonly AppendOutcome[]): Promise<void> {
    let events = 0;
    this.turnHead.forget();
    for (const { appended } of outcomes) {
      this.recentEvents.add(appended);
      events += appended.length;
      if (appended.length === 0) continue;
      this.streams.committedTo(appended[0].streamName);
      this.appendedUpTo = Math.max(this.appendedUpTo, appended[appended.length - 1].position);
    }
    return this.durability.committed(events, this.appendedUpTo);
  }

  /**
   * A subscription's page: from this process's latest appends when they hold all of it, else from
   * the table. Read models and processes only ever see events on disk (another process's commit
   * may still be waiting for its fsync).
   */
  private async readPage(after: number, limit: number): Promise<readonly RecordedEvent[]> {
    const page = guarded(
      () =>
        this.recentEvents.page(after, limit, this.turnHead.current()) ??
        this.sharedPages.read(after, limit, () => this.log.readAll(after, limit)),
    );
    await guardedAsync(this.durability.onDisk(page[page.length - 1]?.position ?? 0));
    return page;
  }
}
