import type Database from 'better-sqlite3';
import { MemoryEventStore } from '@app/event-store';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { appendEvents, appliedLogProjection } from '../testing/applied-log.projection';

const now = () => '2024-01-01T00:00:00.000Z';
const WAIT_MS = 15_000;

/** Counts the reads of the generations table from here on (statements prepared after this call). */
function countGenerationReads(db: Database.Database): () => number {
  let reads = 0;
  const prepare = db.prepare.bind(db);
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    if (!/^\s*SELECT[\s\S]*FROM projection_generations/i.test(sql)) return statement;
    const get = statement.get.bind(statement);
    statement.get = (...args: unknown[]) => {
      reads++;
      return get(...args);
    };
    return statement;
  });
  return () => reads;
}

describe('progress notices of a versioned projection', () => {
  it('read the generations row only in the batch that commits, not again at each notice of the active worker', async () => {
    const store = new MemoryEventStore();
    const db = openReadModelDatabase(':memory:');
    const reads = countGenerationReads(db);
    const runner = new ProjectionRunner(store, db, [appliedLogProjection], now, { batchSize: 5 });
    runner.start();
    await runner.waitFor(await appendEvents(store, 3), WAIT_MS);
    const before = reads();
    for (let batch = 0; batch < 10; batch++) await runner.waitFor(await appendEvents(store, 1), WAIT_MS);
    expect(reads() - before).toBe(10);
    expect(runner.status('applied-log')).toMatchObject({ generation: 1, state: 'running', checkpoint: 13 });
    await runner.stop();
    db.close();
  });
});
