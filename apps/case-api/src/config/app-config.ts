import { EVENT_STORE_KINDS, type EventStoreKind } from '@app/event-store';
import { ConfigError, flag, integer, loadHostingConfig, type HostingConfig } from '@app/hosting';
import { loadAuditSettings, type AuditSettings } from './audit-config';
import { loadLimitSettings, type LimitSettings } from './limits-config';

export type ApiKeyEntry = Readonly<{ key: string; principal: string; roles: readonly string[] }>;

/** The service's settings, read once from the environment (shared/API.md "Configuration"): the shared ones, then the API's own. */
export type AppConfig = HostingConfig<EventStoreKind> &
  Readonly<{
    port: number;
    host: string;
    /** From API_KEYS; null means "generate development keys" (refused in production). */
    apiKeys: readonly ApiKeyEntry[] | null;
    production: boolean;
    /** False when the processes and the scheduler run in case-worker instead (N API replicas, M workers). */
    runProcesses: boolean;
    bodyLimitBytes: number;
    /** How long a command waits for the read models to show its events before answering anyway. */
    readYourWritesTimeoutMs: number;
    /** How long a receipt may wait for its intake number before `/health` says degraded (no worker numbering this log). */
    unnumberedReceiptAlertSeconds: number;
    /** SQLite's page cache of the idempotency records' connection, in MB. */
    idempotencyCacheMb: number;
    /** Whether V8 may allocate the objects of a code site straight in the old generation (`setPretenuring`). */
    heapPretenuring: boolean;
  }> &
  AuditSettings &
  LimitSettings;

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const hosting = loadHostingConfig(env, EVENT_STORE_KINDS);
  const production = env.NODE_ENV === 'production';
  const apiKeys = env.API_KEYS ? parseApiKeys(env.API_KEYS) : null;
  if (production && !apiKeys) {
    throw new ConfigError(
      'NODE_ENV=production refuses to start without API_KEYS (development keys are never generated in production)',
    );
  }
  const readYourWritesTimeoutMs = integer(
    'READ_YOUR_WRITES_TIMEOUT_MS',
    env.READ_YOUR_WRITES_TIMEOUT_MS,
    2000,
    0,
    60_000,
  );
  const invalid = (message: string) => new ConfigError(message);
  return {
    ...hosting,
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    apiKeys,
    production,
    runProcesses: flag('RUN_PROCESSES', env.RUN_PROCESSES, true),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1_048_576, 1024, 104_857_600),
    readYourWritesTimeoutMs,
    unnumberedReceiptAlertSeconds: integer(
      'UNNUMBERED_RECEIPT_ALERT_SECONDS',
      env.UNNUMBERED_RECEIPT_ALERT_SECONDS,
      300,
      1,
      604_800,
    ),
    idempotencyCacheMb: integer('IDEMPOTENCY_CACHE_MB', env.IDEMPOTENCY_CACHE_MB, 2, 1, 4096),
    heapPretenuring: flag('HEAP_PRETENURING', env.HEAP_PRETENURING, false),
    ...loadAuditSettings(env, production, invalid, integer),
    ...loadLimitSettings(env, { storeTimeoutMs: hosting.storeTimeoutMs, readYourWritesTimeoutMs }, invalid, integer),
  };
}

const ROLE_NAMES = ['intake', 'officer', 'auditor', 'admin'];

function parseApiKeys(raw: string): ApiKeyEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      'API_KEYS is not valid JSON: expected [{ "key": "…", "principal": "…", "roles": ["officer"] }]',
    );
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigError('API_KEYS must be a non-empty JSON array');
  return parsed.map((entry, index) => {
    const { key, principal, roles } = (entry ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || key.length < 16)
      throw new ConfigError(`API_KEYS[${index}].key must be a string of at least 16 characters`);
    if (typeof principal !== 'string' || principal.trim() === '')
      throw new ConfigError(`API_KEYS[${index}].principal must be a non-empty string`);
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      !roles.every((role: unknown) => typeof role === 'string' && ROLE_NAMES.includes(role))
    ) {
      throw new ConfigError(`API_KEYS[${index}].roles must be a non-empty list of ${ROLE_NAMES.join(', ')}`);
    }
    return { key, principal, roles };
  });
}
