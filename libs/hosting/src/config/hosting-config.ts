import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SQLITE_EVENTS_FILE, type EventStoreKind } from '@app/event-store';
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
  /**
   * The SQLite event log's file (EVENTS_DB, default `<DATA_DIR>/events.db`): the one file every
   * process of a deployment on SQLite must share; null on the other stores.
   */
  eventsDb: string | null;
  kurrentdbUrl: string | null;
  schedulerTickMs: number;
  /** Our own limit on every event-store call (the KurrentDB client can hang forever). */
  storeTimeoutMs: number;
  logLevel: LogLevel;
  /** Most events a projection applies in one transaction (and between two turns of the event loop). */
  projectionBatchSize: number;
  /**
   * At the head of the log, how long a read model lets further commits gather before its next
   * batch, unless a reader waits for it (ms); 0: a batch per commit. Processes never wait.
   */
  readModelGatherMs: number;
  /** Streams whose folded state the command pipeline keeps (least recently used evicted); 0: none. */
  streamCacheEntries: number;
  /** Parsed application states the case view keeps between batches (least recently used evicted); 0: none. */
  caseViewCacheEntries: number;
  /** SQLite's page cache of the read-model connection, in MB (`cache_size`). */
  readModelCacheMb: number;
  /** SQLite's page cache of the event log's connection, in MB (`cache_size`). */
  eventLogCacheMb: number;
  /** How far V8's old generation may grow past the live data before a full collection, in %; 0: V8's own heuristic. */
  heapGrowthPercent: number;
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
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  return {
    dataDir,
    eventStore,
    eventsDb: eventsDbOf(env.EVENTS_DB, eventStore, dataDir),
    kurrentdbUrl,
    schedulerTickMs: integer('SCHEDULER_TICK_MS', env.SCHEDULER_TICK_MS, 60_000, 10, 86_400_000),
    storeTimeoutMs: integer('STORE_TIMEOUT_MS', env.STORE_TIMEOUT_MS, 5000, 100, 120_000),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', LOG_LEVELS),
    projectionBatchSize: integer('PROJECTION_BATCH_SIZE', env.PROJECTION_BATCH_SIZE, 500, 1, 10_000),
    readModelGatherMs: integer('READ_MODEL_GATHER_MS', env.READ_MODEL_GATHER_MS, 50, 0, 1_000),
    streamCacheEntries: integer('STREAM_CACHE_ENTRIES', env.STREAM_CACHE_ENTRIES, 500, 0, 1_000_000),
    caseViewCacheEntries: integer('CASE_VIEW_CACHE_ENTRIES', env.CASE_VIEW_CACHE_ENTRIES, 1_000, 0, 1_000_000),
    readModelCacheMb: integer('READ_MODEL_CACHE_MB', env.READ_MODEL_CACHE_MB, 8, 1, 4096),
    eventLogCacheMb: integer('EVENT_LOG_CACHE_MB', env.EVENT_LOG_CACHE_MB, 4, 1, 4096),
    heapGrowthPercent: integer('HEAP_GROWTH_PERCENT', env.HEAP_GROWTH_PERCENT, 50, 0, 400),
  };
}

/**
 * EVENTS_DB names a file, in a directory that exists: it is not created, so that a mistyped path
 * fails here rather than silently starting a second, empty log beside the one the others share.
 */
function eventsDbOf(raw: string | undefined, eventStore: EventStoreKind, dataDir: string): string | null {
  const value = raw?.trim();
  if (eventStore !== 'sqlite') {
    if (value)
      throw new ConfigError(
        `EVENTS_DB is the SQLite event log's file: it applies to EVENT_STORE=sqlite only, not ${eventStore}`,
      );
    return null;
  }
  if (!value) return join(dataDir, SQLITE_EVENTS_FILE);
  const file = resolve(value);
  if (existsSync(file) && statSync(file).isDirectory())
    throw new ConfigError(`EVENTS_DB="${raw}" is a directory: name the event log's file, e.g. /srv/impplus/events.db`);
  if (!existsSync(dirname(file)))
    throw new ConfigError(
      `EVENTS_DB="${raw}": the directory ${dirname(file)} does not exist (it is not created, so that a mistyped path cannot start a second, empty log)`,
    );
  return file;
}
