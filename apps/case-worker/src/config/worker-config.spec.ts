import { ConfigError } from '@app/hosting';
import { loadWorkerConfig } from './worker-config';

describe('loadWorkerConfig', () => {
  it('has the defaults of case-api for the variables it shares', () => {
    expect(loadWorkerConfig({})).toMatchObject({
      eventStore: 'sqlite',
      kurrentdbUrl: null,
      schedulerTickMs: 60_000,
      storeTimeoutMs: 5000,
      logLevel: 'info',
      projectionBatchSize: 500,
      streamCacheEntries: 500,
      readModelCacheMb: 8,
    });
  });

  it('refuses the memory store, which no other process can share', () => {
    expect(() => loadWorkerConfig({ EVENT_STORE: 'memory' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ EVENT_STORE: 'memory' })).toThrow(
      'EVENT_STORE="memory" is not one of sqlite, kurrentdb',
    );
  });

  it('names KURRENTDB_URL when the kurrentdb store has none', () => {
    expect(() => loadWorkerConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
  });

  it('names a scheduler tick out of range', () => {
    expect(() => loadWorkerConfig({ SCHEDULER_TICK_MS: '0' })).toThrow(/SCHEDULER_TICK_MS="0"/);
  });

  describe('PROJECTION_BATCH_SIZE, which the worker used to ignore', () => {
    it('reads it', () => {
      expect(loadWorkerConfig({ PROJECTION_BATCH_SIZE: '50' }).projectionBatchSize).toBe(50);
    });

    it.each(['0', '10001', '2.5', 'lots'])('refuses %j with the message case-api gives', (value) => {
      expect(() => loadWorkerConfig({ PROJECTION_BATCH_SIZE: value })).toThrow(ConfigError);
      expect(() => loadWorkerConfig({ PROJECTION_BATCH_SIZE: value })).toThrow(
        `PROJECTION_BATCH_SIZE="${value}" must be a whole number from 1 to 10000`,
      );
    });
  });
});
