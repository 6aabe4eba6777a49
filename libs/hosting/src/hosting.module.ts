import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CLOCK, CommandPipeline, EVENT_STORE, StreamStateCache, systemClock, type Clock } from '@app/application';
import { createEventStore, type EventStore, type WalCheckpointer } from '@app/event-store';
import {
  ProjectionRunner,
  READ_MODEL_PROJECTIONS,
  caseViewStateCache,
  openReadModelDatabase,
  parkedEventLine,
  readModelCheckpoints,
} from '@app/projections';
import type { HostingConfig } from './config/hosting-config';
import { READ_MODEL_CHECKPOINTS, READ_MODEL_DB } from './hosting.tokens';

/** Replacements for tests: a controllable clock, or a store to share between app instances. */
export type HostingOverrides = Readonly<{ clock?: Clock; eventStore?: EventStore }>;

/** The settings the stores and the projection runner are built from (without `eventsDb`: `<dataDir>/events.db`). */
export type HostingStoreConfig = Pick<
  HostingConfig,
  | 'dataDir'
  | 'eventStore'
  | 'kurrentdbUrl'
  | 'storeTimeoutMs'
  | 'projectionBatchSize'
  | 'streamCacheEntries'
  | 'caseViewCacheEntries'
> &
  Partial<Pick<HostingConfig, 'eventsDb' | 'readModelCacheMb' | 'eventLogCacheMb' | 'readModelGatherMs'>>;

/**
 * What case-api and case-worker both host: the clock, the event store, the read-model database,
 * the command pipeline and the projection runner (whose parked events are logged as errors). It
 * starts the runner once the app is up and closes everything on shutdown.
 */
@Global()
@Module({})
export class HostingModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: Database.Database,
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_CHECKPOINTS) private readonly readModelCheckpoints: WalCheckpointer | null,
  ) {}

  static forRoot(config: HostingStoreConfig, overrides: HostingOverrides = {}): DynamicModule {
    const inMemory = config.eventStore === 'memory';
    if (!inMemory) mkdirSync(config.dataDir, { recursive: true });
    const clock = overrides.clock ?? systemClock;
    const providers = [
      { provide: CLOCK, useValue: clock },
      {
        provide: EVENT_STORE,
        useFactory: () =>
          overrides.eventStore ??
          createEventStore({
            kind: config.eventStore,
            dataDir: config.dataDir,
            eventsFile: config.eventsDb ?? undefined,
            kurrentdbUrl: config.kurrentdbUrl ?? undefined,
            timeoutMs: config.storeTimeoutMs,
            now: () => clock.now(),
            cacheMb: config.eventLogCacheMb,
          }),
      },
      {
        provide: READ_MODEL_DB,
        useFactory: () => {
          const file = inMemory ? ':memory:' : join(config.dataDir, 'read-models.db');
          const db = openReadModelDatabase(file, config.readModelCacheMb);
          caseViewStateCache(db, config.caseViewCacheEntries);
          return db;
        },
      },
      {
        provide: READ_MODEL_CHECKPOINTS,
        useFactory: (db: Database.Database) => readModelCheckpoints(db),
        inject: [READ_MODEL_DB],
      },
      {
        provide: CommandPipeline,
        useFactory: (store: EventStore) =>
          new CommandPipeline(
            store,
            undefined,
            config.streamCacheEntries > 0 ? new StreamStateCache(config.streamCacheEntries) : null,
          ),
        inject: [EVENT_STORE],
      },
      {
        provide: ProjectionRunner,
        useFactory: (store: EventStore, db: Database.Database) =>
          new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, () => clock.now().toISOString(), {
            batchSize: config.projectionBatchSize,
            readModelGatherMs: config.readModelGatherMs ?? 0,
          }),
        inject: [EVENT_STORE, READ_MODEL_DB],
      },
    ];
    return { module: HostingModule, providers, exports: providers.map((p) => p.provide) };
  }

  onApplicationBootstrap(): void {
    const logger = new Logger('Parking');
    this.runner.parking.onParked((parked) => logger.error(parkedEventLine(parked)));
    this.runner.start();
    this.readModelCheckpoints?.useQuietWindow((checkpoint) => this.runner.whileQuiet(checkpoint));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    await this.readModelCheckpoints?.close();
    this.readModels.close();
  }
}
