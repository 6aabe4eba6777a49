import { resolve } from 'node:path';
import type { EventStoreKind } from '@app/event-store';
import { ConfigError, integer, oneOf } from './env-parsers';

/** pino's levels, most to least severe, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The settings every app that hosts the stores and the read models reads, with the same
 * defaults, ranges and messages (README "Configuration"); `K` is the stores the app accepts.
 */
export type HostingConfig<K extends EventStoreKind = EventStoreKind> = Readonly<{
  dataDir: string;
  eventStore: K;
  kurrentdbUrl: string | null;
  schedulerTickMs: number;
  /** Our own limit on every event-store call (the KurrentDB client can hang forever). */
  storeTimeoutMs: number;
  logLevel: LogLevel;
  /** Most events a projection applies in one transaction (and between two turns of the event loop). */
  projectionBatchSize: number;
  /** Streams whose folded state the command pipeline keeps (least recently used evicted); 0: none. */
  streamCacheEntries: number;
}>;

/** Reads the shared variables; `storeKinds` are the EVENT_STORE values the app accepts. */
export function loadHostingConfig<K extends EventStoreKind>(
  env: NodeJS.ProcessEnv,
  storeKinds: readonly K[],
): HostingConfig<K> {
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE ?? 'sqlite', storeKinds);
  const kurrentdbUrl = env.KURRENTDB_URL?.trim() || null;
  if (eventStore === 'kurrentdb' && !kurrentdbUrl) {
    throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_URL, e.g. kurrentdb://localhost:2113?tls=false');
  }
  return {
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    eventStore,
    kurrentdbUrl,
    schedulerTickMs: integer('SCHEDULER_TICK_MS', env.SCHEDULER_TICK_MS, 60_000, 10, 86_400_000),
    storeTimeoutMs: integer('STORE_TIMEOUT_MS', env.STORE_TIMEOUT_MS, 5000, 100, 120_000),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', LOG_LEVELS),
    projectionBatchSize: integer('PROJECTION_BATCH_SIZE', env.PROJECTION_BATCH_SIZE, 500, 1, 10_000),
    streamCacheEntries: integer('STREAM_CACHE_ENTRIES', env.STREAM_CACHE_ENTRIES, 2_000, 0, 1_000_000),
  };
}
