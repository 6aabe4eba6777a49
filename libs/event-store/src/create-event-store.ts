import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { MemoryEventStore } from './memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';

export const EVENT_STORE_KINDS = ['sqlite', 'memory', 'kurrentdb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export type EventStoreConfig = Readonly<{
  kind: EventStoreKind;
  /** Directory of `events.db` (DATA_DIR); created if missing. Required for `sqlite`. */
  dataDir?: string;
  /** The SQLite event log's file (EVENTS_DB), shared by every process on one log; default `<dataDir>/events.db`. */
  eventsFile?: string;
  /** Connection string (KURRENTDB_URL), e.g. `kurrentdb://localhost:2113?tls=false`. Required for `kurrentdb`. */
  kurrentdbUrl?: string;
  /** KurrentDB: per-call timeout; SQLite: how long to wait for another process's write lock. Default 5000 ms. */
  timeoutMs?: number;
  /** Clock for `recordedAt` in the memory and SQLite stores (KurrentDB uses the server's). */
  now?: () => Date;
  /** SQLite: the page cache of the store's connection, in MB (EVENT_LOG_CACHE_MB). */
  cacheMb?: number;
}>;

/** The file name of the SQLite store inside the data directory. */
export const SQLITE_EVENTS_FILE = 'events.db';

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryEventStore({ now: config.now });
    case 'sqlite':
      return openSqlite(config);
    case 'kurrentdb':
      return openKurrentDb(config);
    default: {
      const kind = String((config as { kind: unknown }).kind);
      throw new Error(`Unknown event store kind "${kind}": expected one of ${EVENT_STORE_KINDS.join(', ')}`);
    }
  }
}

function openSqlite({ dataDir, eventsFile, timeoutMs, now, cacheMb }: EventStoreConfig): EventStore {
  const file = eventsFile ?? (dataDir ? join(dataDir, SQLITE_EVENTS_FILE) : null);
  if (!file) throw new Error('The sqlite event store needs a data directory: set DATA_DIR');
  mkdirSync(dirname(file), { recursive: true });
  return new SqliteEventStore(file, { busyTimeoutMs: timeoutMs, now, cacheMb });
}

function openKurrentDb({ kurrentdbUrl, timeoutMs }: EventStoreConfig): EventStore {
  if (!kurrentdbUrl) {
    throw new Error(
      'The kurrentdb event store needs a connection string: set KURRENTDB_URL (e.g. kurrentdb://localhost:2113?tls=false)',
    );
  }
  return new KurrentDbEventStore({ connectionString: kurrentdbUrl, timeoutMs });
}
