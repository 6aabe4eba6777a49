import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EVENT_STORE_KINDS } from '@app/event-store';
import { ConfigError } from './env-parsers';
import { loadHostingConfig } from './hosting-config';

describe('loadHostingConfig', () => {
  it('has the documented defaults', () => {
    expect(loadHostingConfig({}, EVENT_STORE_KINDS)).toEqual({
      dataDir: resolve('./data'),
      eventStore: 'sqlite',
      eventsDb: resolve('./data/events.db'),
      kurrentdbUrl: null,
      schedulerTickMs: 60_000,
      storeTimeoutMs: 5000,
      logLevel: 'info',
      projectionBatchSize: 500,
      readModelGatherMs: 50,
      streamCacheEntries: 500,
      caseViewCacheEntries: 1_000,
      readModelCacheMb: 8,
      eventLogCacheMb: 4,
      heapGrowthPercent: 50,
    });
  });

  it('reads each of them', () => {
    const env = {
      DATA_DIR: ' /var/lib/impplus ',
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false',
      SCHEDULER_TICK_MS: '1000',
      STORE_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'warn',
      PROJECTION_BATCH_SIZE: '50',
      READ_MODEL_GATHER_MS: '0',
      STREAM_CACHE_ENTRIES: '0',
      CASE_VIEW_CACHE_ENTRIES: '100',
      READ_MODEL_CACHE_MB: '64',
      EVENT_LOG_CACHE_MB: '12',
      HEAP_GROWTH_PERCENT: '0',
    };
    expect(loadHostingConfig(env, EVENT_STORE_KINDS)).toEqual({
      dataDir: '/var/lib/impplus',
      eventStore: 'kurrentdb',
      eventsDb: null,
      kurrentdbUrl: 'kurrentdb://localhost:2113?tls=false',
      schedulerTickMs: 1000,
      storeTimeoutMs: 2000,
      logLevel: 'warn',
      projectionBatchSize: 50,
      readModelGatherMs: 0,
      streamCacheEntries: 0,
      caseViewCacheEntries: 100,
      readModelCacheMb: 64,
      eventLogCacheMb: 12,
      heapGrowthPercent: 0,
    });
  });

  it('accepts only the stores the app names', () => {
    expect(loadHostingConfig({ EVENT_STORE: 'memory' }, EVENT_STORE_KINDS).eventStore).toBe('memory');
    expect(() => loadHostingConfig({ EVENT_STORE: 'memory' }, ['sqlite', 'kurrentdb'])).toThrow(
      'EVENT_STORE="memory" is not one of sqlite, kurrentdb',
    );
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE="postgres" is not one of sqlite, memory, kurrentdb'],
    [
      { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: ' ' },
      'EVENT_STORE=kurrentdb needs KURRENTDB_URL, e.g. kurrentdb://localhost:2113?tls=false',
    ],
    [{ SCHEDULER_TICK_MS: '9' }, 'SCHEDULER_TICK_MS="9" must be a whole number from 10 to 86400000'],
    [{ STORE_TIMEOUT_MS: 'soon' }, 'STORE_TIMEOUT_MS="soon" must be a whole number from 100 to 120000'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL="verbose" is not one of fatal, error, warn, info, debug, trace, silent'],
    [{ PROJECTION_BATCH_SIZE: '0' }, 'PROJECTION_BATCH_SIZE="0" must be a whole number from 1 to 10000'],
    [{ READ_MODEL_GATHER_MS: '1001' }, 'READ_MODEL_GATHER_MS="1001" must be a whole number from 0 to 1000'],
    [{ READ_MODEL_CACHE_MB: '0' }, 'READ_MODEL_CACHE_MB="0" must be a whole number from 1 to 4096'],
    [{ EVENT_LOG_CACHE_MB: '4097' }, 'EVENT_LOG_CACHE_MB="4097" must be a whole number from 1 to 4096'],
    [{ HEAP_GROWTH_PERCENT: '-5' }, 'HEAP_GROWTH_PERCENT="-5" must be a whole number from 0 to 400'],
  ])('names the variable that is wrong and what it accepts: %j', (env, message) => {
    expect(() => loadHostingConfig(env, EVENT_STORE_KINDS)).toThrow(ConfigError);
    expect(() => loadHostingConfig(env, EVENT_STORE_KINDS)).toThrow(message);
  });

  describe('EVENTS_DB, the SQLite event log every process of a deployment shares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impplus-events-db-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names a file of its own, apart from DATA_DIR', () => {
      const config = loadHostingConfig({ DATA_DIR: join(dir, 'replica-a'), EVENTS_DB: ` ${dir}/log.db ` }, ['sqlite']);

      expect(config.eventsDb).toBe(join(dir, 'log.db'));
      expect(config.dataDir).toBe(join(dir, 'replica-a'));
    });

    it.each([
      [{ EVENTS_DB: '__DIR__' }, 'EVENTS_DB="__DIR__" is a directory: name the event log\'s file'],
      [
        { EVENTS_DB: '__DIR__/missing/events.db' },
        'EVENTS_DB="__DIR__/missing/events.db": the directory __DIR__/missing does not exist',
      ],
      [
        { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://localhost:2113', EVENTS_DB: '__DIR__/events.db' },
        "EVENTS_DB is the SQLite event log's file: it applies to EVENT_STORE=sqlite only, not kurrentdb",
      ],
    ])('refuses to start on a path that would split the log: %j', (env, message) => {
      const withDir = (text: string) => text.replaceAll('__DIR__', dir);
      const resolved = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, withDir(value)]));

      expect(() => loadHostingConfig(resolved, EVENT_STORE_KINDS)).toThrow(ConfigError);
      expect(() => loadHostingConfig(resolved, EVENT_STORE_KINDS)).toThrow(withDir(message));
    });
  });
});
