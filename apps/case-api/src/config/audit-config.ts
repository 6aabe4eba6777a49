import { AuditKeyError, parseAuditKeys, type AuditKeyring } from '@app/integrity';

/** The tamper-evidence settings (docs/architecture.md "Signed digests"). */
export type AuditSettings = Readonly<{
  /** From AUDIT_HMAC_KEYS; null means "generate a development key into DATA_DIR" (refused in production). */
  auditKeys: AuditKeyring | null;
  /** How often the chain heads are signed into a digest; 0 signs only on demand. */
  auditDigestIntervalMs: number;
  /** Streams the as-of replays keep parsed and folded (CaseReplayCache); 0 keeps none. */
  asOfCacheEntries: number;
  /** Most the as-of replays keep, in MB of event JSON (the heap holds about 2.5 times that). */
  asOfCacheMb: number;
}>;

/** Reads the audit settings; `invalid` turns a problem into the caller's configuration error. */
export function loadAuditSettings(
  env: NodeJS.ProcessEnv,
  production: boolean,
  invalid: (message: string) => Error,
  interval: (name: string, raw: string | undefined, fallback: number, min: number, max: number) => number,
): AuditSettings {
  let auditKeys: AuditKeyring | null;
  try {
    auditKeys = env.AUDIT_HMAC_KEYS ? parseAuditKeys(env.AUDIT_HMAC_KEYS) : null;
  } catch (error) {
    throw error instanceof AuditKeyError ? invalid(error.message) : error;
  }
  if (production && !auditKeys) {
    throw invalid(
      'NODE_ENV=production refuses to start without AUDIT_HMAC_KEYS (the digest key must live outside the data directory)',
    );
  }
  return {
    auditKeys,
    auditDigestIntervalMs: interval('AUDIT_DIGEST_INTERVAL_MS', env.AUDIT_DIGEST_INTERVAL_MS, 60_000, 0, 86_400_000),
    asOfCacheEntries: interval('AS_OF_CACHE_ENTRIES', env.AS_OF_CACHE_ENTRIES, 1_000, 0, 1_000_000),
    asOfCacheMb: interval('AS_OF_CACHE_MB', env.AS_OF_CACHE_MB, 8, 1, 4_096),
  };
}
