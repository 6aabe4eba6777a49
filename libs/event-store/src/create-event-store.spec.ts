import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventStore, type EventStoreConfig } from './create-event-store';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { MemoryEventStore } from './memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import { useTempDir } from './testing/temp-dir.contract';

describe('createEventStore', () => {
  const tempDir = useTempDir('create-event-store-');
  let store: EventStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('opens a memory store', () => {
    store = createEventStore({ kind: 'memory' });

    expect(store).toBeInstanceOf(MemoryEventStore);
  });

  it('opens DATA_DIR/events.db for sqlite, creating the directory', () => {
    const dataDir = join(tempDir(), 'nested', 'data');

    store = createEventStore({ kind: 'sqlite', dataDir });

    expect(store).toBeInstanceOf(SqliteEventStore);
    expect(existsSync(join(dataDir, 'events.db'))).toBe(true);
  });

  it('gives the sqlite connection the page cache EVENT_LOG_CACHE_MB asks for, 4 MB by default', async () => {
    const pragma = jest.spyOn(Database.prototype, 'pragma');
    try {
      store = createEventStore({ kind: 'sqlite', dataDir: join(tempDir(), 'sized'), cacheMb: 3 });
      expect(pragma).toHaveBeenCalledWith('cache_size = -3072');
      await store.close();
      store = createEventStore({ kind: 'sqlite', dataDir: join(tempDir(), 'default') });
      expect(pragma).toHaveBeenCalledWith('cache_size = -4096');
    } finally {
      pragma.mockRestore();
    }
  });

  it('keeps the statement journals of its savepoints in memory, not in temporary files the event loop creates and unlinks', async () => {
    store = createEventStore({ kind: 'sqlite', dataDir: join(tempDir(), 'journals') });
    expect((store as SqliteEventStore)['db'].pragma('temp_store', { simple: true })).toBe(2);
  });

  it('opens the file EVENTS_DB names instead, wherever DATA_DIR is', () => {
    const eventsFile = join(tempDir(), 'shared', 'log.db');

    store = createEventStore({ kind: 'sqlite', dataDir: join(tempDir(), 'own'), eventsFile });

    expect(existsSync(eventsFile)).toBe(true);
    expect(existsSync(join(tempDir(), 'own', 'events.db'))).toBe(false);
  });

  it('opens a KurrentDB store without connecting yet', () => {
    store = createEventStore({ kind: 'kurrentdb', kurrentdbUrl: 'kurrentdb://127.0.0.1:1?tls=false' });

    expect(store).toBeInstanceOf(KurrentDbEventStore);
  });

  it('names DATA_DIR when sqlite has no data directory', () => {
    expect(() => createEventStore({ kind: 'sqlite' })).toThrow(/DATA_DIR/);
  });

  it('names KURRENTDB_URL when kurrentdb has no connection string', () => {
    expect(() => createEventStore({ kind: 'kurrentdb', kurrentdbUrl: '' })).toThrow(/KURRENTDB_URL/);
  });

  it('lists the known kinds when the kind is unknown', () => {
    const config = { kind: 'postgres' } as unknown as EventStoreConfig;

    expect(() => createEventStore(config)).toThrow(
      'Unknown event store kind "postgres": expected one of sqlite, memory, kurrentdb',
    );
  });
});
