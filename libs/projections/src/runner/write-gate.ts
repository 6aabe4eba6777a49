/** How long a holder waits for the batches already handed over to finish before it starts all the same. */
export const DRAIN_TIMEOUT_MS = 5_000;

/**
 * The read-model writers of one runner, paused while one of them does long work on a thread of its
 * own connection (a rebuild's index build, which holds SQLite's write lock of the whole file). A
 * writer on the event loop that met that lock would wait in SQLite's busy handler and hold the
 * event loop all that time; paused here, it waits as a promise and requests keep being answered.
 * Workers pass the gate before each batch (`through`); a holder closes it, lets the batches
 * already handed over finish, does its work, then opens it again.
 */
export class WriteGate {
  private closed: Promise<void> | null = null;
  private readonly inFlight = new Set<object>();
  private readonly drainListeners = new Set<() => void>();

  /** True while a holder's work runs (or waits for the batches in flight): writers wait. */
  get isClosed(): boolean {
    return this.closed !== null;
  }

  /** Runs one writer's batch once the gate is open; `writer` names it while it runs. */
  async through<T>(writer: object, write: () => Promise<T> | T): Promise<T> {
    while (this.closed) await this.closed;
    this.inFlight.add(writer);
    try {
      return await write();
    } finally {
      this.inFlight.delete(writer);
      for (const listener of [...this.drainListeners]) listener();
    }
  }

  /**
   * Closes the gate for the time of `work`. `holder` is the writer asking, itself inside `through`
   * maybe: its own batch is not waited for, nor is it one while it waits for another holder. The
   * batches in flight are waited for at most `drainTimeoutMs`.
   */
  async hold(holder: object, work: () => Promise<void>, drainTimeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    const wasInFlight = this.inFlight.delete(holder);
    try {
      while (this.closed) await this.closed;
      let open = () => undefined as void;
      this.closed = new Promise<void>((resolve) => (open = resolve));
      try {
        await this.drained(drainTimeoutMs);
        await work();
      } finally {
        this.closed = null;
        open();
      }
    } finally {
      if (wasInFlight) this.inFlight.add(holder);
    }
  }

  /** Resolves once no batch is in flight, or after `timeoutMs` (a writer stuck elsewhere must not stop the holder). */
  private drained(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.drainListeners.delete(check);
        resolve();
      };
      const check = () => {
        if (this.inFlight.size === 0) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.drainListeners.add(check);
    });
  }
}
