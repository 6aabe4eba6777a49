import { resolve } from 'node:path';

/** The stores a worker can share with case-api; `memory` lives in one process, so a worker cannot share it. */
export const WORKER_STORE_KINDS = ['sqlite', 'kurrentdb'] as const;
export type WorkerStoreKind = (typeof WORKER_STORE_KINDS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type WorkerLogLevel = (typeof LOG_LEVELS)[number];

/** case-worker's settings: the same variables, defaults and meaning as case-api's (README "Configuration"). */
export type WorkerConfig = Readonly<{
  dataDir: string;
  eventStore: WorkerStoreKind;
  kurrentdbUrl: string | null;
  schedulerTickMs: number;
  storeTimeoutMs: number;
  logLevel: WorkerLogLevel;
}>;

/** A setting that cannot be used; the message names the variable and what it accepts. */
export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE ?? 'sqlite', WORKER_STORE_KINDS);
  const kurrentdbUrl = env.KURRENTDB_URL?.trim() || null;
  if (eventStore === 'kurrentdb' && !kurrentdbUrl) {
    throw new WorkerConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_URL, e.g. kurrentdb://localhost:2113?tls=false');
  }
  return {
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    eventStore,
    kurrentdbUrl,
    schedulerTickMs: integer('SCHEDULER_TICK_MS', env.SCHEDULER_TICK_MS, 60_000, 10, 86_400_000),
    storeTimeoutMs: integer('STORE_TIMEOUT_MS', env.STORE_TIMEOUT_MS, 5000, 100, 120_000),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', LOG_LEVELS),
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new WorkerConfigError(`${name}="${value}" is not one of ${allowed.join(', ')}`);
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new WorkerConfigError(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}
