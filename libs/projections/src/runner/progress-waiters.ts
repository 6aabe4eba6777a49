import type { WorkerStatus } from './catch-up-handler';

export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';

  constructor(readonly status: WorkerStatus) {
    super(`Projection ${status.name} stopped at position ${status.failure?.position}: ${status.failure?.message}`);
  }
}

export class ProjectionTimeoutError extends Error {
  override readonly name = 'ProjectionTimeoutError';
}

/** A wait that the runner's stop ended: its workers will not get further in this process. */
export class ProjectionsStoppedError extends Error {
  override readonly name = 'ProjectionsStoppedError';
}

/** Callers waiting for the workers to get somewhere: each is checked again on every progress notice. */
export class ProgressWaiters {
  /** Each waiter's check, and how it ends when the runner stops. */
  private readonly listeners = new Map<() => void, () => void>();
  private stopped = false;

  /** Resolves once `done`; rejects once `failed` names a worker, after `timeoutMs`, or when the runner stops. */
  until(done: () => boolean, failed: () => WorkerStatus | undefined, timeoutMs: number, what: string): Promise<void> {
    if (this.stopped && !done())
      return Promise.reject(new ProjectionsStoppedError(`${what}: the projections are stopped`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new ProjectionTimeoutError(`${what} in ${timeoutMs} ms`)), timeoutMs);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        const failure = failed();
        if (failure) return finish(new ProjectionFailedError(failure));
        if (done()) finish();
      };
      this.listeners.set(check, () => finish(new ProjectionsStoppedError(`${what}: the projections stopped first`)));
      check();
    });
  }

  /** A waiter that finishes deletes itself as it is visited, which a Map's iteration allows (no copy a notice). */
  notify(): void {
    for (const listener of this.listeners.keys()) listener();
  }

  /**
   * The runner stopped: every wait still open is rejected now rather than at its timeout (whose
   * timer would keep the process alive), and so is every wait begun until `resume`.
   */
  stop(): void {
    this.stopped = true;
    for (const end of this.listeners.values()) end();
  }

  resume(): void {
    this.stopped = false;
  }
}
