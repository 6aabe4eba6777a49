import type Database from 'better-sqlite3';
import { type EventStore, SqliteEventStore } from '@app/event-store';
import type { ParkingLot, WorkerStatus } from './catch-up-handler';
import { CatchUpWorker } from './catch-up-worker';
import { generationHandler } from './generation-handler';
import type { VersionedProjection } from './projection';
import type { WriteGate } from './write-gate';
import {
  beginRebuild,
  ensureGenerations,
  readGenerations,
  switchGeneration,
} from '../generations/projection-generations';

export type SlotOptions = Readonly<{
  now: () => string;
  batchSize: number;
  onProgress: () => void;
  parking: ParkingLot | null;
  /** The runner's writers' gate: a rebuild holds it while it builds its indexes. */
  gate: WriteGate;
  /** At the head of the log, how long its workers let commits gather before a batch (CatchUpWorker's `gatherMs`). */
  gatherMs?: number;
}>;

/** A generation being filled from position 0 while the active one serves. */
export type RebuildStatus = WorkerStatus & Readonly<{ generation: number }>;

export type SlotStatus = WorkerStatus &
  Readonly<{ generation: number; switchedAt: string | null; rebuild: RebuildStatus | null }>;

type Fed = Readonly<{ generation: number; worker: CatchUpWorker }>;

/**
 * One versioned projection: the worker of its active generation and, during a rebuild, the
 * worker of the generation being built. When the rebuild switches generations (in its own
 * batch transaction), the slot promotes its worker and stops the old one.
 */
export class ProjectionSlot {
  private active: Fed | null = null;
  private building: Fed | null = null;
  private switchedAt: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    readonly projection: VersionedProjection,
    private readonly options: SlotOptions,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  start(): void {
    const current = this.db.transaction(() => ensureGenerations(this.db, this.name)).immediate();
    this.switchedAt = current.switchedAt;
    this.active = this.feed(current.active);
    if (current.building !== null) this.building = this.feed(current.building);
  }

  async stop(): Promise<void> {
    const fed = [this.active, this.building];
    this.active = this.building = null;
    await Promise.all(fed.flatMap((each) => (each ? [each.worker.stop()] : [])));
  }

  status(): SlotStatus {
    const active = this.active ?? { generation: 0, worker: null };
    const base = active.worker?.status() ?? { name: this.name, state: 'stopped' as const, checkpoint: 0 };
    const rebuild = this.building ? { ...this.building.worker.status(), generation: this.building.generation } : null;
    return { ...base, generation: active.generation, switchedAt: this.switchedAt, rebuild };
  }

  /** The active generation's worker status alone, what the runner's waiters look at on every progress notice. */
  workerStatus(): WorkerStatus {
    return this.active?.worker.status() ?? { name: this.name, state: 'stopped', checkpoint: 0 };
  }

  /** A reader waits for this read model: its workers take their next batch without gathering. */
  hurry(): void {
    this.active?.worker.hurry();
    this.building?.worker.hurry();
  }

  /** Starts filling the next generation from position 0, or reports the rebuild already running. */
  async rebuild(): Promise<SlotStatus> {
    const generation = this.db.transaction(() => beginRebuild(this.db, this.projection)).immediate();
    if (this.building?.generation !== generation) {
      void this.building?.worker.stop();
      this.building = this.feed(generation);
    }
    if ((await this.store.headPosition()) === 0) this.switchEmptyLog(generation);
    return this.status();
  }

  private feed(generation: number): Fed {
    const worker = new CatchUpWorker(
      this.store,
      generationHandler(
        this.db,
        this.projection,
        generation,
        this.options.now,
        this.options.gate,
        eventsFileOf(this.store),
      ),
      this.options.batchSize,
      this.options.parking,
      this.options.gate,
      this.options.gatherMs,
    );
    worker.onProgress(() => this.reconcile(worker));
    worker.start();
    return { generation, worker };
  }

  /** A log with no events gives a rebuild no batch to switch in: there is nothing to wait for. */
  private switchEmptyLog(generation: number): void {
    this.db.transaction(() => switchGeneration(this.db, this.projection, generation, this.options.now())).immediate();
    this.reconcile();
  }

  /**
   * Follows the generations row: promotes a finished rebuild, or follows a switch made by another
   * process. Only a notice that may follow a switch reads the row: the building worker's (its batch
   * switches), or the active worker's once it stops running (another process's switch retires it
   * at its next batch). The active worker's batches, a progress notice each, read nothing.
   */
  private reconcile(from?: CatchUpWorker): void {
    if (from && from === this.active?.worker && from.running) return this.options.onProgress();
    const current = readGenerations(this.db, this.name);
    if (current && this.active && current.active !== this.active.generation) {
      const previous = this.active;
      const promoted = this.building?.generation === current.active ? this.building : null;
      this.active = promoted ?? this.feed(current.active);
      if (promoted) this.building = null;
      this.switchedAt = current.switchedAt;
      void previous.worker.stop();
    }
    this.options.onProgress();
  }
}

/** The file of a SQLite event log that another connection can read (not one in memory). */
function eventsFileOf(store: EventStore): string | undefined {
  if (!(store instanceof SqliteEventStore)) return undefined;
  return store.filePath === '' || store.filePath === ':memory:' ? undefined : store.filePath;
}
