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

/** Callers waiting for the workers to get somewhere: each is checked again on every progress notice. */
export class ProgressWaiters {
  private readonly listeners = new Set<() => void>();

  /** Resolves once `done`; rejects once `failed` names a worker, or after `timeoutMs`. */
  until(done: () => boolean, failed: () => WorkerStatus | undefined, timeoutMs: number, what: string): Promise<void> {
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
      this.listeners.add(check);
      check();
    });
  }

  /** A waiter that finishes deletes itself as it is visited, which a Set's iteration allows (no copy a notice). */
  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
