import type Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { statisticsProjection } from '../statistics/statistics.projection';
import type { CatchUpHandler } from './catch-up-handler';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';
import { until } from '../testing/until';

/** Longer than any wait below may take: a wait that ends sooner was not left to the gathering. */
const GATHER_MS = 2_000;

const append = (store: EventStore) =>
  store.appendToStream('s-1', [{ eventId: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }], {
    expectedRevision: 'any',
  });

describe('ProjectionRunner: read models gather commits at the head of the log, unless a reader waits', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  const handled: number[] = [];
  const aProcess: CatchUpHandler = {
    name: 'a-process',
    open: () => 0,
    handle: (batch) => void handled.push(...batch.map((event) => event.position)),
  };

  beforeEach(async () => {
    handled.length = 0;
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = new ProjectionRunner(store, db, [statisticsProjection], () => '2024-01-01T00:00:00.000Z', {
      readModelGatherMs: GATHER_MS,
    });
    runner.addHandler(aProcess);
    runner.start();
    // At the head a commit is taken at once and the pause follows its batch, so the next commits
    // gather. Twice: the first event may be read before the worker follows the log live.
    for (let commit = 0; commit < 2; commit++) {
      const { position } = await append(store);
      await until(() => checkpointOf(statisticsProjection.name) === position && handled.includes(position));
    }
  });
  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  const checkpointOf = (name: string) => runner.statuses().find((status) => status.name === name)!.checkpoint;

  it('leaves a read model behind while nobody waits, and never a process', async () => {
    const { position } = await append(store);
    await until(() => handled.includes(position));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checkpointOf(statisticsProjection.name)).toBeLessThan(position);
  });

  it('brings a read model to a reader who waits for it by name, without the pause', async () => {
    const { position } = await append(store);
    const started = performance.now();
    await runner.waitForWorkers([statisticsProjection.name], position, 1_000);
    expect(performance.now() - started).toBeLessThan(GATHER_MS / 2);
  });

  it('brings every read model to a writer who waits for all of them, without the pause', async () => {
    const { position } = await append(store);
    const started = performance.now();
    await runner.waitFor(position, 1_000);
    expect(performance.now() - started).toBeLessThan(GATHER_MS / 2);
  });

  it('does not hurry a read model for a reader who waits for another worker', async () => {
    const { position } = await append(store);
    await runner.waitForWorkers([aProcess.name], position, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checkpointOf(statisticsProjection.name)).toBeLessThan(position);
  });
});
