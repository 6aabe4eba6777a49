import type Database from 'better-sqlite3';

type Settled<T> = Readonly<{ ok: true; value: T } | { ok: false; error: unknown }>;
type Pending<T> = Readonly<{ work: () => T; resolve: (value: T) => void; reject: (error: unknown) => void }>;

/**
 * Group commit: the appends that arrive in the same turn of the event loop share one
 * `BEGIN IMMEDIATE … COMMIT`, so one fsync makes them all durable. A work that throws is rejected
 * alone, and must leave nothing behind: one statement never does (SQLite rolls back a failed
 * statement), several need a savepoint of their own (`db.transaction(fn)()` inside the group's
 * transaction); a savepoint around every work cost ~7 µs of CPU an append, ~3 % of it. No caller
 * is answered before the COMMIT has returned, so "acknowledged" still means "on disk"; a COMMIT
 * that fails rejects every append of the group.
 *
 * Some failures (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM…) make SQLite roll back the whole
 * transaction, not just the statement or savepoint: the appends before it are gone, and the ones
 * after it would run outside any transaction, each committing on its own. So such a failure ends the group there:
 * every append of the group is rejected with it, and none is stored.
 *
 * With `durable`, called with what the group committed, the group's callers are answered only once
 * it resolves (the store's WAL fsync, run off the event loop, see WalSync); if it fails they are
 * rejected with its error. The next group does not wait for it: it commits, and its own `durable`
 * call covers it.
 */
export class SqliteGroupCommit<T> {
  private pending: Pending<T>[] = [];
  private scheduled = false;
  /** Quiet windows in force (`whileQuiet`): no group starts meanwhile. */
  private quiet = 0;
  /** A group's works in one transaction, wrapped once: better-sqlite3 builds a wrapper in ~6 µs of CPU. */
  private readonly groupTransaction: Database.Transaction<(group: readonly Pending<T>[]) => Settled<T>[]>;

  constructor(
    private readonly db: Database.Database,
    private readonly maxGroupSize = 512,
    private readonly durable: ((committed: readonly T[]) => Promise<void>) | null = null,
  ) {
    this.groupTransaction = db.transaction((group) => group.map((item) => this.attempt(item.work)));
  }

  submit(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Starts no group while `work` runs (a checkpoint thread's quiet window, see WalCheckpointer):
   * works submitted meanwhile wait, as promises, and commit together once it is done.
   */
  async whileQuiet(work: () => Promise<void>): Promise<void> {
    this.quiet++;
    try {
      await work();
    } finally {
      this.quiet = Math.max(0, this.quiet - 1);
      if (this.quiet === 0 && this.pending.length > 0 && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    }
  }

  /** Commits whatever is waiting now, before the connection closes: every waiting caller is settled. */
  drain(): void {
    this.quiet = 0;
    while (this.pending.length > 0) this.flush();
  }

  private flush(): void {
    if (this.quiet > 0) {
      this.scheduled = false;
      return;
    }
    const group = this.pending.splice(0, this.maxGroupSize);
    if (group.length === 0) return;
    this.scheduled = this.pending.length > 0;
    if (this.scheduled) setImmediate(() => this.flush());
    let settled: Settled<T>[];
    try {
      settled = this.groupTransaction.immediate(group);
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    if (!this.durable) return answer(group, settled);
    this.durable(settled.flatMap((outcome) => (outcome.ok ? [outcome.value] : []))).then(
      () => answer(group, settled),
      (error: unknown) => {
        for (const item of group) item.reject(error);
      },
    );
  }

  /** Throws (ending the group) when the failure took the group's transaction with it. */
  private attempt(work: () => T): Settled<T> {
    try {
      return { ok: true, value: work() };
    } catch (error) {
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}

function answer<T>(group: readonly Pending<T>[], settled: readonly Settled<T>[]): void {
  group.forEach((item, index) => {
    const outcome = settled[index];
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}
