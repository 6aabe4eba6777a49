import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import {
  CLOCK,
  CommandPipeline,
  EVENT_STORE,
  IDEMPOTENCY_STORE,
  MemoryIdempotencyStore,
  SqliteIdempotencyStore,
  systemClock,
  type Clock,
  type IdempotencyStore,
} from '@app/application';
import { createEventStore, type EventStore } from '@app/event-store';
import { CaseViewQueries, ProjectionRunner, READ_MODEL_PROJECTIONS, openReadModelDatabase, parkedEventLine } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, READ_MODEL_DB } from './infrastructure.tokens';

/** Replacements for tests: a controllable clock, or a store to share between app instances. */
export type InfrastructureOverrides = Readonly<{ clock?: Clock; eventStore?: EventStore }>;

const inMemory = (config: AppConfig) => config.eventStore === 'memory';

/** Opens the stores, starts the projections, and closes everything on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: Database.Database,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    private readonly runner: ProjectionRunner,
  ) {}

  static forRoot(config: AppConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    if (!inMemory(config)) mkdirSync(config.dataDir, { recursive: true });
    const clock = overrides.clock ?? systemClock;
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      {
        provide: EVENT_STORE,
        useFactory: () =>
          overrides.eventStore ??
          createEventStore({
            kind: config.eventStore,
            dataDir: config.dataDir,
            kurrentdbUrl: config.kurrentdbUrl ?? undefined,
            timeoutMs: config.storeTimeoutMs,
            now: () => clock.now(),
          }),
      },
      {
        provide: READ_MODEL_DB,
        useFactory: () => openReadModelDatabase(inMemory(config) ? ':memory:' : join(config.dataDir, 'read-models.db')),
      },
      {
        provide: IDEMPOTENCY_STORE,
        useFactory: () =>
          inMemory(config) ? new MemoryIdempotencyStore() : new SqliteIdempotencyStore(join(config.dataDir, 'idempotency.db')),
      },
      { provide: CommandPipeline, useFactory: (store: EventStore) => new CommandPipeline(store), inject: [EVENT_STORE] },
      {
        provide: ProjectionRunner,
        useFactory: (store: EventStore, db: Database.Database) =>
          new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, () => clock.now().toISOString(), { batchSize: config.projectionBatchSize }),
        inject: [EVENT_STORE, READ_MODEL_DB],
      },
      { provide: CaseViewQueries, useFactory: (db: Database.Database) => new CaseViewQueries(db), inject: [READ_MODEL_DB] },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }

  onApplicationBootstrap(): void {
    const logger = new Logger('Parking');
    this.runner.parking.onParked((parked) => logger.error(parkedEventLine(parked)));
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.idempotency.close();
    await this.store.close();
    this.readModels.close();
  }
}
