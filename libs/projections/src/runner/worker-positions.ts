import type { WorkerStatus } from './catch-up-handler';

/**
 * Where each of a runner's workers stands, read once per progress notice and shared by every
 * waiter: the lowest checkpoint (every worker), each worker's checkpoint by name (the workers a
 * waiter names), and the failed ones.
 */
export class WorkerPositions {
  readonly lowWater: number;
  /** The first worker that failed, if any. */
  readonly failure: WorkerStatus | undefined;
  private readonly byName = new Map<string, WorkerStatus>();

  constructor(statuses: readonly WorkerStatus[]) {
    let lowWater = Infinity;
    for (const status of statuses) {
      lowWater = Math.min(lowWater, status.checkpoint);
      this.byName.set(status.name, status);
    }
    this.lowWater = lowWater;
    this.failure = statuses.find((status) => status.state === 'failed');
  }

  /** Whether each named worker has handled `position`; a name the runner does not run has nothing to handle. */
  reached(names: readonly string[], position: number): boolean {
    for (const name of names) if ((this.byName.get(name)?.checkpoint ?? Infinity) < position) return false;
    return true;
  }

  /** The first of the named workers that failed, if any. */
  failed(names: readonly string[]): WorkerStatus | undefined {
    for (const name of names) {
      const status = this.byName.get(name);
      if (status?.state === 'failed') return status;
    }
    return undefined;
  }
}
