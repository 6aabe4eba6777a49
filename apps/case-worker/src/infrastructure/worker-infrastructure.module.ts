import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CLOCK, CommandPipeline, EVENT_STORE, systemClock, type Clock } from '@app/application';
import { createEventStore, type EventStore } from '@app/event-store';
import { READ_MODEL_PROJECTIONS, ProjectionRunner, openReadModelDatabase, parkedEventLine } from '@app/projections';
import type { WorkerConfig } from '../config/worker-config';
import { WORKER_READ_MODEL_DB } from './worker.tokens';

/** Test seam: a controllable clock. */
export type WorkerInfrastructureOverrides = Readonly<{ clock?: Clock }>;

/**
 * The worker's stores: the shared event store, its read models (the same as case-api's: the
 * over-cap sweep reads the case view and the intake ledger; the processes add theirs), and the
 * projection runner.
 */
@Global()
@Module({})
export class WorkerInfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKER_READ_MODEL_DB) private readonly readModels: Database.Database,
    private readonly runner: ProjectionRunner,
  ) {}

  static forRoot(config: WorkerConfig, overrides: WorkerInfrastructureOverrides = {}): DynamicModule {
    const clock = overrides.clock ?? systemClock;
    const providers = [
      { provide: CLOCK, useValue: clock },
      {
        provide: EVENT_STORE,
        useFactory: () =>
          createEventStore({ kind: config.eventStore, dataDir: config.dataDir, kurrentdbUrl: config.kurrentdbUrl ?? undefined, timeoutMs: config.storeTimeoutMs }),
      },
      { provide: WORKER_READ_MODEL_DB, useFactory: () => openReadModelDatabase(join(config.dataDir, 'read-models.db')) },
      { provide: CommandPipeline, useFactory: (store: EventStore) => new CommandPipeline(store), inject: [EVENT_STORE] },
      {
        provide: ProjectionRunner,
        useFactory: (store: EventStore, db: Database.Database) =>
          new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, () => clock.now().toISOString()),
        inject: [EVENT_STORE, WORKER_READ_MODEL_DB],
      },
    ];
    return { module: WorkerInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }

  onApplicationBootstrap(): void {
    const logger = new Logger('Parking');
    this.runner.parking.onParked((parked) => logger.error(parkedEventLine(parked)));
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    this.readModels.close();
  }
}
