import type Database from 'better-sqlite3';
import type { EventStore } from '@app/event-store';
import type { CatchUpHandler, ReactionCause, WorkerStatus } from './catch-up-handler';
import { CatchUpWorker } from './catch-up-worker';
import { ParkingDesk, type ParkingDecision } from '../parking/parking-desk';
import type { ParkedEvent } from '../parking/parked-events';
import { isVersioned, type Projection } from './projection';
import { projectionHandler } from './projection-handler';
import { ProgressWaiters } from './progress-waiters';
import { ProjectionSlot, type SlotStatus } from './projection-slot';
import { ReadModelDemand } from './read-model-demand';
import { WorkerPositions } from './worker-positions';
import { WriteGate } from './write-gate';

/** A read model's or a process's worker status; read models also name their generation and any rebuild. */
export type ProjectionStatus = WorkerStatus & Partial<Pick<SlotStatus, 'generation' | 'switchedAt' | 'rebuild'>>;

export type ProjectionRunnerOptions = Readonly<{
  /** Most events applied in one transaction; default 500. */
  batchSize?: number;
  /**
   * At the head of the log, how long the read models (not the processes) let the events of further
   * commits gather before their next batch, unless a reader waits for them; default 0 (a batch per
   * commit). See CatchUpWorker's `gatherMs`.
   */
  readModelGatherMs?: number;
}>;

/** Longest a quiet window waits for the batches already running (processes' batches send commands). */
export const QUIET_WINDOW_DRAIN_MS = 10;

export { ProjectionFailedError, ProjectionTimeoutError, ProjectionsStoppedError } from './progress-waiters';

/** Not a projection that can be rebuilt (unknown, or a process with effects beyond its tables). */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
}

/** Runs every projection (and process) from its own checkpoint and lets a writer wait until its events are read. */
export class ProjectionRunner {
  /** The events the workers parked (DESIGN.md: no single event stops a worker), and the operator's actions on them. */
  readonly parking: ParkingDesk;
  private readonly batchSize: number;
  /** Its workers' batches wait here while a rebuild builds its indexes on a thread (they would block on the lock). */
  private readonly gate = new WriteGate();
  /** Names the checkpoint thread's quiet windows at the gate. */
  private readonly quietHolder = {};
  private readonly slots: ProjectionSlot[] = [];
  private readonly workers: CatchUpWorker[] = [];
  private readonly waiters = new ProgressWaiters();
  /** What readers wait for the read models to reach: until then they do not gather commits. */
  private readonly demand = new ReadModelDemand(this.slots);
  /** Where the workers stand, computed once per progress notice, not once per waiter. */
  private progress: WorkerPositions | null = null;

  constructor(
    private readonly store: EventStore,
    db: Database.Database,
    projections: readonly Projection[],
    now: () => string,
    options: ProjectionRunnerOptions = {},
  ) {
    const batchSize = (this.batchSize = options.batchSize ?? 500);
    const parking = (this.parking = new ParkingDesk(db, store, now));
    for (const projection of projections) {
      if (isVersioned(projection)) {
        this.slots.push(
          new ProjectionSlot(store, db, projection, {
            now,
            batchSize,
            parking,
            gate: this.gate,
            onProgress: () => this.notify(),
            gatherMs: options.readModelGatherMs ?? 0,
          }),
        );
      } else {
        this.addHandler(projectionHandler(db, projection, now));
      }
    }
  }

  /** Runs a further handler (a process manager) with the runner's batch size and parking lot. */
  addHandler(handler: CatchUpHandler): void {
    this.add(new CatchUpWorker(this.store, handler, this.batchSize, this.parking, this.gate));
  }

  /**
   * Runs `write` against the read-model file once no rebuild's thread holds it, as the workers'
   * batches do: a writer outside them (the scheduler's jobs) then waits as a promise, not in
   * SQLite's busy handler on the event loop. `writer` names it while it runs.
   */
  whenWritable<T>(writer: object, write: () => Promise<T>): Promise<T> {
    return this.gate.through(writer, write);
  }

  /**
   * Runs `checkpoint` with the gate closed: a checkpoint thread's quiet window, in which the WAL's
   * last frames are copied so that the next batch starts it over (see WalCheckpointer). Batches
   * already running are waited for at most QUIET_WINDOW_DRAIN_MS: one that commits during the
   * checkpoint only puts the start-over off to a later window.
   */
  whileQuiet(checkpoint: () => Promise<void>): Promise<void> {
    return this.gate.hold(this.quietHolder, checkpoint, QUIET_WINDOW_DRAIN_MS);
  }

  /** Runs further catch-up workers under the same start, stop, status and wait. */
  add(worker: CatchUpWorker): void {
    this.workers.push(worker);
    worker.onProgress(() => this.notify());
    this.progress = null;
  }

  start(): void {
    this.waiters.resume();
    for (const slot of this.slots) slot.start();
    for (const worker of this.workers) worker.start();
    this.notify();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.slots.map((slot) => slot.stop()), ...this.workers.map((worker) => worker.stop())]);
    this.progress = null;
    this.waiters.stop();
  }

  statuses(): ProjectionStatus[] {
    return [...this.slots.map((slot) => slot.status()), ...this.workers.map((worker) => worker.status())];
  }

  /** Names of the read models that `rebuild` accepts. */
  rebuildable(): string[] {
    return this.slots.map((slot) => slot.name);
  }

  /**
   * Fills a new generation of the read model from position 0 in the background while the active
   * one keeps serving; readers switch to it in one transaction once it has caught up.
   */
  async rebuild(name: string): Promise<SlotStatus> {
    return this.slot(name).rebuild();
  }

  status(name: string): SlotStatus {
    return this.slot(name).status();
  }

  /** Sends a parked event back to its read model (a rebuild) or process (handled again now). */
  retryParked(id: number, decision: ParkingDecision): Promise<ParkedEvent> {
    return this.parking.retry(id, decision, {
      slot: (name) => this.slots.find((slot) => slot.name === name),
      worker: (name) => this.workers.find((worker) => worker.handler.name === name),
    });
  }

  /** Events each projection still has to read, from the store's head position. */
  async lag(): Promise<Record<string, number>> {
    const head = await this.store.headPosition();
    return Object.fromEntries(this.statuses().map((s) => [s.name, Math.max(0, head - s.checkpoint)]));
  }

  /**
   * Resolves once every projection has committed the event at `position` (read-your-writes
   * for the caller that appended it); rejects if one fails or the time runs out.
   */
  waitFor(position: number, timeoutMs: number): Promise<void> {
    this.demand.want(null, position);
    return this.waiters.until(
      () => this.currentProgress().lowWater >= position,
      () => this.currentProgress().failure,
      timeoutMs,
      `read models did not reach position ${position}`,
    );
  }

  /**
   * Resolves once each named worker has committed the event at `position`: a read model a reader
   * is about to query, or the processes that react to a writer's event. Names the runner does not
   * run are passed over; rejects if one of the named workers fails or the time runs out.
   */
  waitForWorkers(names: readonly string[], position: number, timeoutMs: number): Promise<void> {
    this.demand.want(names, position);
    return this.waiters.until(
      () => this.currentProgress().reached(names, position),
      () => this.currentProgress().failed(names),
      timeoutMs,
      `${names.join(', ')} did not reach position ${position}`,
    );
  }

  /** Whether each named worker has committed the event at `position` already (a reader that need not wait). */
  reached(names: readonly string[], position: number): boolean {
    return this.currentProgress().reached(names, position);
  }

  /** The process managers whose handling of `event` may append to the log (a writer's answer shows what they add). */
  reactingTo(event: ReactionCause): string[] {
    const names: string[] = [];
    for (const worker of this.workers) if (worker.handler.reactsTo?.(event)) names.push(worker.handler.name);
    return names;
  }

  /** Resolves once the read model serves `generation` (or a later one); rejects if its rebuild fails. */
  waitForGeneration(name: string, generation: number, timeoutMs: number): Promise<void> {
    return this.waiters.until(
      () => this.status(name).generation >= generation,
      () => {
        const { rebuild } = this.status(name);
        return rebuild?.state === 'failed' ? rebuild : undefined;
      },
      timeoutMs,
      `${name} did not switch to generation ${generation}`,
    );
  }

  private slot(name: string): ProjectionSlot {
    const slot = this.slots.find((each) => each.name === name);
    if (!slot)
      throw new UnknownProjectionError(
        `No read model named ${name}; these can be rebuilt: ${this.rebuildable().join(', ')}`,
      );
    return slot;
  }

  /** From the workers' own statuses: a slot's full status (its generation and rebuild) is not needed here. */
  private currentProgress(): WorkerPositions {
    return (this.progress ??= new WorkerPositions([
      ...this.slots.map((slot) => slot.workerStatus()),
      ...this.workers.map((worker) => worker.status()),
    ]));
  }

  private notify(): void {
    this.progress = null;
    this.demand.progressed();
    this.waiters.notify();
  }
}
