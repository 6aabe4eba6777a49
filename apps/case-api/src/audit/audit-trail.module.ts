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
import { SqliteEventStore, type EventStore } from '@app/event-store';
import type { AppConfig } from '../config/app-config';
import { AuditDigestsController } from './audit-digests.controller';
import { TAMPER_EVIDENCE } from './audit-trail.tokens';
import { DigestScheduler, type DigestSigning } from './digest-scheduler';
import { DigestSigningThread } from './digest-thread/digest-signing-thread';
import { CacheMetrics } from '../observability/cache.metrics';
import { ProjectionsAdminController } from '../admin/projections-admin.controller';
import { AccessLogController } from './access-log/access-log.controller';
import { PersonalDataAccess } from './access-log/personal-data-access';

/** How long the signing thread's connections wait for SQLite's write lock, as the service's own do. */
const SIGNING_BUSY_TIMEOUT_MS = 5_000;

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
        provide: DigestScheduler,
        useFactory: (store: EventStore, evidence: TamperEvidence, clock: Clock) =>
          new DigestScheduler(digestSigning(config, store, evidence, clock), config.auditDigestIntervalMs),
        inject: [EVENT_STORE, TAMPER_EVIDENCE, CLOCK],
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

/**
 * On the SQLite store the digests are signed on a thread with its own connections to both files;
 * on the memory store (one process, nothing to open twice) and KurrentDB, in process.
 */
function digestSigning(config: AppConfig, store: EventStore, evidence: TamperEvidence, clock: Clock): DigestSigning {
  const now = () => clock.now().toISOString();
  if (!(store instanceof SqliteEventStore) || config.eventStore === 'memory')
    return new DigestSigner(store, evidence.digests, evidence.keyring!, now);
  return new DigestSigningThread(
    {
      eventsFile: store.filePath,
      digestsFile: join(config.dataDir, AUDIT_DIGESTS_FILE),
      keys: evidence.keyring!.keysForThread(),
      busyTimeoutMs: SIGNING_BUSY_TIMEOUT_MS,
    },
    now,
  );
}
