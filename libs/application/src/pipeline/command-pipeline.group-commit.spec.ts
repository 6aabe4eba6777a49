import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applicationDecider, applicationStreamName } from '@app/domain';
import Database from 'better-sqlite3';
import { SqliteEventStore, type SqliteEventStoreOptions } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import { canonicalJson } from '@app/kernel';
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

  it('stores the very canonical JSON of the data that the hash covers, which reads back as the data and verifies', async () => {
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore(file);
    const applicationId = randomUUID();
    const stream = applicationStreamName(applicationId);
    const outcome = await new CommandPipeline(store).run(
      applicationDecider,
      stream,
      submit({}, { applicationId }),
      context(),
    );
    const stored = await store.readStream(stream);
    await store.close();
    const db = new Database(file, { readonly: true });
    const texts = db.prepare('SELECT data FROM events ORDER BY position').pluck().all() as string[];
    db.close();

    expect(texts).toEqual(outcome.events.map((event) => canonicalJson(event.data)));
    expect(stored.map((event) => event.data)).toEqual(outcome.events.map((event) => event.data));
    expect(verifyChain(stored)).toEqual({ valid: true, checkedEvents: stored.length });
  });
});
