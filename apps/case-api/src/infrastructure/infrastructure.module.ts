import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import {
  IDEMPOTENCY_STORE,
  MemoryIdempotencyStore,
  SqliteIdempotencyStore,
  type IdempotencyStore,
} from '@app/application';
import { HostingModule, READ_MODEL_DB, type HostingOverrides } from '@app/hosting';
import { CaseViewQueries } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from './infrastructure.tokens';

/**
 * case-api's stores: the ones every app hosts (`HostingModule`: event store, read models,
 * projection runner), plus its settings, its idempotency records and the case-view queries.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore) {}

  static forRoot(config: AppConfig, overrides: HostingOverrides = {}): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      {
        provide: IDEMPOTENCY_STORE,
        useFactory: () =>
          config.eventStore === 'memory'
            ? new MemoryIdempotencyStore()
            : new SqliteIdempotencyStore(join(config.dataDir, 'idempotency.db'), config.idempotencyCacheMb),
      },
      {
        provide: CaseViewQueries,
        useFactory: (db: Database.Database) => new CaseViewQueries(db),
        inject: [READ_MODEL_DB],
      },
    ];
    return {
      module: InfrastructureModule,
      imports: [HostingModule.forRoot(config, overrides)],
      providers,
      exports: providers.map((p) => p.provide),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close();
  }
}
