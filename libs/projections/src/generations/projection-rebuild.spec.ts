import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { ProjectionRunner, UnknownProjectionError } from '../runner/projection-runner';
import { openReadModelDatabase, readCheckpoint } from '../runner/read-model-database';
import {
  APPLIED_LOG_TABLE,
  appendEvents,
  appliedLogProjection,
  appliedPositions,
} from '../testing/applied-log.projection';
import { generationCheckpoint, readGenerations } from './projection-generations';

const now = () => '2024-01-01T00:00:00.000Z';
const tables = (db: Database.Database) =>
  (
    db
      .prepare(
        "SELECT name, type FROM sqlite_master WHERE name LIKE 'applied_log%' AND type IN ('table', 'view') ORDER BY name",
      )
      .all() as { name: string; type: string }[]
  ).map(({ name, type }) => `${type}:${name}`);

/**
 * How long a wait may take before the spec fails. Each takes tens of milliseconds; the bound is
 * wide because the full suite runs many specs at once on two cores (2 s once timed out there).
 */
const WAIT_MS = 15_000;
jest.setTimeout(60_000);

describe('rebuilding a versioned projection while it serves', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  const newRunner = (target = db) => new ProjectionRunner(store, target, [appliedLogProjection], now, { batchSize: 7 });

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = newRunner();
  });
  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  it('fills a new generation from position 0, switches readers in one step, and drops the old tables', async () => {
    runner.start();
    await runner.waitFor(await appendEvents(store, 400), WAIT_MS);
    expect(tables(db)).toEqual([`view:${APPLIED_LOG_TABLE}`, `table:${APPLIED_LOG_TABLE}_g1`]);

    const started = await runner.rebuild('applied-log');
    expect(started).toMatchObject({ generation: 1, rebuild: { generation: 2 } });
    const seen: number[] = [];
    const generationsSeen = new Set<number>();
    let watching = true;
    const watch = () => {
      seen.push(appliedPositions(db).length);
      generationsSeen.add(readGenerations(db, 'applied-log')?.active ?? 0);
      if (watching) setImmediate(watch);
    };
    watch();
    await appendEvents(store, 20);
    await runner.waitForGeneration('applied-log', 2, WAIT_MS);
    await runner.waitFor(await store.headPosition(), WAIT_MS);
    watching = false;
    watch();

    expect([...generationsSeen]).toEqual([1, 2]);
    expect(seen.every((count, index) => count >= 400 && count >= (seen[index - 1] ?? 0))).toBe(true);
    expect(appliedPositions(db)).toEqual(Array.from({ length: 420 }, (_, index) => index + 1));
    expect(tables(db)).toEqual([`view:${APPLIED_LOG_TABLE}`, `table:${APPLIED_LOG_TABLE}_g2`]);
    expect(readGenerations(db, 'applied-log')).toMatchObject({ active: 2, building: null, switchedAt: now() });
    expect(readCheckpoint(db, generationCheckpoint('applied-log', 1))).toBe(0);
    expect(runner.statuses()).toEqual([
      expect.objectContaining({ name: 'applied-log', generation: 2, state: 'running', rebuild: null }),
    ]);
  });

  it('answers a second rebuild request with the rebuild already running', async () => {
    await appendEvents(store, 30);
    runner.start();
    const first = await runner.rebuild('applied-log');
    const second = await runner.rebuild('applied-log');
    expect(second.rebuild?.generation).toBe(first.rebuild?.generation);
    await runner.waitForGeneration('applied-log', 2, WAIT_MS);
  });

  it('switches at once when the log is empty', async () => {
    runner.start();
    await runner.rebuild('applied-log');
    expect(runner.status('applied-log')).toMatchObject({ generation: 2, rebuild: null });
  });

  it('refuses a name that is not a rebuildable read model', async () => {
    await expect(runner.rebuild('intake-numbering')).rejects.toBeInstanceOf(UnknownProjectionError);
  });

  it('resumes an interrupted rebuild after a restart', async () => {
    runner.start();
    await runner.waitFor(await appendEvents(store, 40), WAIT_MS);
    await runner.rebuild('applied-log');
    await runner.stop();
    expect(readGenerations(db, 'applied-log')).toMatchObject({ active: 1, building: 2 });
    runner = newRunner();
    runner.start();
    expect(runner.status('applied-log').rebuild?.generation).toBe(2);
    await runner.waitForGeneration('applied-log', 2, WAIT_MS);
    expect(appliedPositions(db)).toHaveLength(40);
  });
});

describe('a switch made by another process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'generations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('retires the old generation’s worker, which then follows the new one', async () => {
    const store = new MemoryEventStore();
    const file = join(dir, 'read-models.db');
    const [mine, theirs] = [openReadModelDatabase(file), openReadModelDatabase(file)];
    const serving = new ProjectionRunner(store, mine, [appliedLogProjection], now, { batchSize: 5 });
    const rebuilding = new ProjectionRunner(store, theirs, [appliedLogProjection], now, { batchSize: 5 });
    serving.start();
    await serving.waitFor(await appendEvents(store, 25), WAIT_MS);
    rebuilding.start();
    await rebuilding.rebuild('applied-log');
    await rebuilding.waitForGeneration('applied-log', 2, WAIT_MS);
    await serving.waitFor(await appendEvents(store, 10), WAIT_MS);
    await serving.waitForGeneration('applied-log', 2, WAIT_MS);
    await rebuilding.stop();
    expect(serving.status('applied-log')).toMatchObject({ generation: 2, state: 'running' });
    expect(appliedPositions(mine)).toEqual(Array.from({ length: 35 }, (_, index) => index + 1));
    await serving.stop();
    mine.close();
    theirs.close();
  });
});
