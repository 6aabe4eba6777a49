import { resolve } from 'node:path';
import { EVENT_STORE_KINDS, type EventStoreKind } from '@app/event-store';
import { loadAuditSettings, type AuditSettings } from './audit-config';
import { loadLimitSettings, type LimitSettings } from './limits-config';

export type ApiKeyEntry = Readonly<{ key: string; principal: string; roles: readonly string[] }>;

/** The service's settings, read once from the environment (shared/API.md "Configuration"). */
export type AppConfig = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  eventStore: EventStoreKind;
  kurrentdbUrl: string | null;
  /** From API_KEYS; null means "generate development keys" (refused in production). */
  apiKeys: readonly ApiKeyEntry[] | null;
  production: boolean;
  schedulerTickMs: number;
  /** False when the processes and the scheduler run in case-worker instead (N API replicas, M workers). */
  runProcesses: boolean;
  bodyLimitBytes: number;
  /** Our own limit on every event-store call (the KurrentDB client can hang forever). */
  storeTimeoutMs: number;
  /** How long a command waits for the read models to show its events before answering anyway. */
  readYourWritesTimeoutMs: number;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Most events a projection applies in one transaction (and between two turns of the event loop). */
  projectionBatchSize: number;
}> &
  AuditSettings &
  LimitSettings;

/** A setting that cannot be used; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const production = env.NODE_ENV === 'production';
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE ?? 'sqlite', EVENT_STORE_KINDS);
  const kurrentdbUrl = env.KURRENTDB_URL?.trim() || null;
  if (eventStore === 'kurrentdb' && !kurrentdbUrl) {
    throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_URL, e.g. kurrentdb://localhost:2113?tls=false');
  }
  const apiKeys = env.API_KEYS ? parseApiKeys(env.API_KEYS) : null;
  if (production && !apiKeys) {
    throw new ConfigError('NODE_ENV=production refuses to start without API_KEYS (development keys are never generated in production)');
  }
  const storeTimeoutMs = integer('STORE_TIMEOUT_MS', env.STORE_TIMEOUT_MS, 5000, 100, 120_000);
  const readYourWritesTimeoutMs = integer('READ_YOUR_WRITES_TIMEOUT_MS', env.READ_YOUR_WRITES_TIMEOUT_MS, 2000, 0, 60_000);
  const invalid = (message: string) => new ConfigError(message);
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    eventStore,
    kurrentdbUrl,
    apiKeys,
    production,
    schedulerTickMs: integer('SCHEDULER_TICK_MS', env.SCHEDULER_TICK_MS, 60_000, 10, 86_400_000),
    runProcesses: flag('RUN_PROCESSES', env.RUN_PROCESSES, true),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1_048_576, 1024, 104_857_600),
    storeTimeoutMs,
    readYourWritesTimeoutMs,
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', LOG_LEVELS),
    projectionBatchSize: integer('PROJECTION_BATCH_SIZE', env.PROJECTION_BATCH_SIZE, 500, 1, 10_000),
    ...loadAuditSettings(env, production, invalid, integer),
    ...loadLimitSettings(env, { storeTimeoutMs, readYourWritesTimeoutMs }, invalid, integer),
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name}="${value}" is not one of ${allowed.join(', ')}`);
}

function flag(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigError(`${name}="${raw}" must be true or false`);
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

const ROLE_NAMES = ['intake', 'officer', 'auditor', 'admin'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parseApiKeys(raw: string): ApiKeyEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('API_KEYS is not valid JSON: expected [{ "key": "…", "principal": "…", "roles": ["officer"] }]');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigError('API_KEYS must be a non-empty JSON array');
  return parsed.map((entry, index) => {
    const { key, principal, roles } = (entry ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || key.length < 16) throw new ConfigError(`API_KEYS[${index}].key must be a string of at least 16 characters`);
    if (typeof principal !== 'string' || principal.trim() === '') throw new ConfigError(`API_KEYS[${index}].principal must be a non-empty string`);
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => ROLE_NAMES.includes(role))) {
      throw new ConfigError(`API_KEYS[${index}].roles must be a non-empty list of ${ROLE_NAMES.join(', ')}`);
    }
    return { key, principal, roles };
  });
}
