import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AccessLogWriter, CLOCK, CaseReplayCache, EVENT_STORE, type Clock } from '@app/application';
import {
  AUDIT_DIGESTS_FILE,
  DigestSigner,
  DigestStore,
  loadOrCreateDevelopmentAuditKeys,
  type TamperEvidence,
} from '@app/integrity';
import type { EventStore } from '@app/event-store';
import type { AppConfig } from '../config/app-config';
import { AuditDigestsController } from './audit-digests.controller';
import { TAMPER_EVIDENCE } from './audit-trail.tokens';
import { DigestScheduler } from './digest-scheduler';
import { CacheMetrics } from '../observability/cache.metrics';
import { ProjectionsAdminController } from '../admin/projections-admin.controller';
import { AccessLogController } from './access-log/access-log.controller';
import { PersonalDataAccess } from './access-log/personal-data-access';

/**
 * Tamper evidence and operations on the read models: the signed digests (their own file, the key
 * from AUDIT_HMAC_KEYS or, in development, generated into DATA_DIR), their periodic signing, and
 * the admin routes that sign on demand and rebuild projections; and the access log, where every
 * reveal of personal data is recorded before the data is sent (docs/privacy.md).
 */
@Global()
@Module({})
export class AuditTrailModule implements OnApplicationShutdown {
  constructor(@Inject(TAMPER_EVIDENCE) private readonly evidence: TamperEvidence) {}

  static register(config: AppConfig): DynamicModule {
    const providers = [
      {
        provide: TAMPER_EVIDENCE,
        useFactory: (): TamperEvidence => ({
          digests: new DigestStore(
            config.eventStore === 'memory' ? ':memory:' : join(config.dataDir, AUDIT_DIGESTS_FILE),
          ),
          keyring: config.auditKeys ?? loadOrCreateDevelopmentAuditKeys(config.dataDir).keyring,
        }),
      },
      {
        provide: DigestSigner,
        useFactory: (store: EventStore, evidence: TamperEvidence, clock: Clock) =>
          new DigestSigner(store, evidence.digests, evidence.keyring!, () => clock.now().toISOString()),
        inject: [EVENT_STORE, TAMPER_EVIDENCE, CLOCK],
      },
      {
        provide: DigestScheduler,
        useFactory: (signer: DigestSigner) => new DigestScheduler(signer, config.auditDigestIntervalMs),
        inject: [DigestSigner],
      },
      {
        provide: AccessLogWriter,
        useFactory: (store: EventStore) => new AccessLogWriter(store),
        inject: [EVENT_STORE],
      },
      PersonalDataAccess,
      {
        provide: CaseReplayCache,
        useFactory: (store: EventStore) =>
          new CaseReplayCache(store, {
            maxEntries: config.asOfCacheEntries,
            maxBytes: config.asOfCacheMb * 1024 * 1024,
          }),
        inject: [EVENT_STORE],
      },
      CacheMetrics,
    ];
    return {
      module: AuditTrailModule,
      controllers: [ProjectionsAdminController, AuditDigestsController, AccessLogController],
      providers,
      exports: [TAMPER_EVIDENCE, DigestScheduler, PersonalDataAccess, CaseReplayCache],
    };
  }

  onApplicationShutdown(): void {
    this.evidence.digests.close();
  }
}
