import { WorkerConfigError, loadWorkerConfig } from './worker-config';

describe('loadWorkerConfig', () => {
  it('has the defaults of case-api for the variables it shares', () => {
    expect(loadWorkerConfig({})).toMatchObject({ eventStore: 'sqlite', kurrentdbUrl: null, schedulerTickMs: 60_000, storeTimeoutMs: 5000 });
  });

  it('refuses the memory store, which no other process can share', () => {
    expect(() => loadWorkerConfig({ EVENT_STORE: 'memory' })).toThrow(WorkerConfigError);
  });

  it('names KURRENTDB_URL when the kurrentdb store has none', () => {
    expect(() => loadWorkerConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
  });

  it('names a scheduler tick out of range', () => {
    expect(() => loadWorkerConfig({ SCHEDULER_TICK_MS: '0' })).toThrow(/SCHEDULER_TICK_MS="0"/);
  });
});
