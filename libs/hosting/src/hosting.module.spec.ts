import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type Database from 'better-sqlite3';
import { EVENT_STORE, ManualClock } from '@app/application';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { HostingModule, type HostingOverrides, type HostingStoreConfig } from './hosting.module';
import { READ_MODEL_DB } from './hosting.tokens';
import { BatchRecorder, UNREADABLE, appendUnhandledEvents } from './testing/batch-recorder';

@Module({})
class TestHost {
  static with(config: HostingStoreConfig, overrides: HostingOverrides): DynamicModule {
    return { module: TestHost, imports: [HostingModule.forRoot(config, overrides)], providers: [BatchRecorder] };
  }
}

const config = (overrides: Partial<HostingStoreConfig> = {}): HostingStoreConfig => ({
  dataDir: '/nonexistent',
  eventStore: 'memory',
  kurrentdbUrl: null,
  storeTimeoutMs: 5000,
  projectionBatchSize: 500,
  streamCacheEntries: 100,
  caseViewCacheEntries: 100,
  ...overrides,
});

const clock = () => new ManualClock('2024-12-10T15:30:00Z');

async function host(
  settings: HostingStoreConfig,
  overrides: HostingOverrides,
  before: (store: EventStore) => Promise<unknown> = async () => {},
) {
  const store = overrides.eventStore ?? new MemoryEventStore();
  await before(store);
  return NestFactory.createApplicationContext(TestHost.with(settings, { ...overrides, eventStore: store }), {
    logger: false,
  });
}

describe('HostingModule', () => {
  let app: INestApplicationContext | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
    jest.restoreAllMocks();
  });

  it('feeds the projections in batches of at most projectionBatchSize events', async () => {
    let head = 0;
    app = await host(
      config({ projectionBatchSize: 3 }),
      { clock: clock() },
      async (store) => (head = await appendUnhandledEvents(store, 10)),
    );
    await app.get(ProjectionRunner).waitFor(head, 10_000);

    const sizes = app.get(BatchRecorder).sizes;
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });

  it('logs a parked event as an ERROR line of the Parking context, and moves on', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let head = 0;
    app = await host(config(), { clock: clock() }, async (store) => {
      await appendUnhandledEvents(store, 1, UNREADABLE);
      head = await appendUnhandledEvents(store, 1);
    });
    await app.get(ProjectionRunner).waitFor(head, 10_000);

    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^batch-recorder parked ${UNREADABLE} .* the recorder cannot read it`)),
    );
    expect(errors.mock.contexts[0]).toMatchObject({ context: 'Parking' });
    expect(app.get(BatchRecorder).sizes).toEqual([1]);
  });

  it('creates the event store on the clock it is given, in DATA_DIR, and closes it with the read models on shutdown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'impplus-hosting-'));
    try {
      app = await NestFactory.createApplicationContext(
        TestHost.with(config({ eventStore: 'sqlite', dataDir: join(dataDir, 'new') }), { clock: clock() }),
        { logger: false },
      );
      const store = app.get<EventStore>(EVENT_STORE);
      const readModels = app.get<Database.Database>(READ_MODEL_DB);
      await appendUnhandledEvents(store, 1);
      const [event] = await store.readAll({ limit: 1 });
      expect(event.recordedAt).toBe('2024-12-10T15:30:00.000Z');
      expect(readModels.name).toBe(join(dataDir, 'new', 'read-models.db'));
      expect(readModels.pragma('cache_size', { simple: true })).toBe(-8 * 1024);

      await app.close();
      app = null;
      expect(readModels.open).toBe(false);
      await expect(store.headPosition()).rejects.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives the read models the page cache READ_MODEL_CACHE_MB asks for', async () => {
    app = await host(config({ readModelCacheMb: 3 }), { clock: clock() });
    expect(app.get<Database.Database>(READ_MODEL_DB).pragma('cache_size', { simple: true })).toBe(-3 * 1024);
  });
});
