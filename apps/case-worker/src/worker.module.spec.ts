import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ManualClock } from '@app/application';
import { MemoryEventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { BatchRecorder, appendUnhandledEvents } from '../../../libs/hosting/src/testing/batch-recorder';
import { loadWorkerConfig, type WorkerConfig } from './config/worker-config';
import { WorkerModule, type WorkerOverrides } from './worker.module';

@Module({})
class RecordingWorker {
  static with(config: WorkerConfig, overrides: WorkerOverrides): DynamicModule {
    return { module: RecordingWorker, imports: [WorkerModule.register(config, overrides)], providers: [BatchRecorder] };
  }
}

describe('WorkerModule', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-worker-module-'));
  let worker: INestApplicationContext;
  afterAll(async () => {
    await worker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('feeds its read models and processes in batches of PROJECTION_BATCH_SIZE, as case-api does', async () => {
    const config = loadWorkerConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SCHEDULER_TICK_MS: '86400000',
      PROJECTION_BATCH_SIZE: '3',
    });
    const eventStore = new MemoryEventStore();
    const head = await appendUnhandledEvents(eventStore, 10);
    worker = await NestFactory.createApplicationContext(
      RecordingWorker.with(config, { clock: new ManualClock('2024-12-10T15:30:00Z'), eventStore }),
      { logger: false },
    );
    await worker.get(ProjectionRunner).waitFor(head, 10_000);

    const sizes = worker.get(BatchRecorder).sizes;
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });
});
