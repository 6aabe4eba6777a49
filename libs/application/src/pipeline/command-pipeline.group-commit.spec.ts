import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applicationDecider, applicationStreamName } from '@app/domain';
import { SqliteEventStore, type SqliteEventStoreOptions } from '@app/event-store';
import { submit } from '@app/testing';
import type { CommandContext } from './command-context';
import { CommandPipeline } from './command-pipeline';

const context = (): CommandContext => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'intake-1', role: 'intake' },
  now: '2024-05-02T14:03:00.000Z',
});

describe('CommandPipeline on SQLite: commands decided in one turn share one durable commit', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipeline-group-commit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('submits 64 applications at once with one WAL flush, and answers each once it is done', async () => {
    let flushes = 0;
    const flushToDisk: SqliteEventStoreOptions['flushToDisk'] = async () => {
      flushes += 1;
    };
    const store = new SqliteEventStore(join(dir, 'events.db'), { flushToDisk });
    const pipeline = new CommandPipeline(store);
    const ids = Array.from({ length: 64 }, () => randomUUID());

    const outcomes = await Promise.all(
      ids.map((applicationId) =>
        pipeline.run(
          applicationDecider,
          applicationStreamName(applicationId),
          submit({}, { applicationId }),
          context(),
        ),
      ),
    );

    expect(flushes).toBe(1);
    expect(outcomes.map((outcome) => outcome.revision)).toEqual(ids.map(() => 0));
    expect(await store.headPosition()).toBe(64);
    await store.close();
  });
});
