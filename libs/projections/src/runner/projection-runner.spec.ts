import type Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import type { Projection } from './projection';
import { ProjectionFailedError, ProjectionRunner, ProjectionTimeoutError } from './projection-runner';
import { openReadModelDatabase, readCheckpoint } from './read-model-database';
import { until } from '../testing/until';

/** Counts events per stream; refuses events of type `Poison`. */
const counting: Projection = {
  name: 'counting',
  setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS counts (stream TEXT PRIMARY KEY, seen INTEGER, revision INTEGER)'),
  reset: (db) => db.exec('DROP TABLE IF EXISTS counts'),
  apply(db, event) {
    if (event.type === 'Poison') throw new Error('cannot read this event');
    const row = db.prepare('SELECT revision FROM counts WHERE stream = ?').get(event.streamName) as { revision: number } | undefined;
    if (row && event.revision <= row.revision) return;
    db.prepare(
      'INSERT INTO counts VALUES (?, 1, ?) ON CONFLICT(stream) DO UPDATE SET seen = seen + 1, revision = excluded.revision',
    ).run(event.streamName, event.revision);
  },
};

const append = (store: EventStore, stream: string, type = 'Happened') =>
  store.appendToStream(stream, [{ eventId: crypto.randomUUID(), type, data: {}, metadata: {} }], { expectedRevision: 'any' });

const counts = (db: Database.Database) =>
  Object.fromEntries((db.prepare('SELECT stream, seen FROM counts ORDER BY stream').all() as { stream: string; seen: number }[]).map((r) => [r.stream, r.seen]));

describe('ProjectionRunner', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  const newRunner = () => new ProjectionRunner(store, db, [counting], () => '2024-01-01T00:00:00.000Z');

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = newRunner();
  });
  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  it('catches up on stored events, then follows live appends', async () => {
    await append(store, 's-1');
    await append(store, 's-1');
    runner.start();
    const { position } = await append(store, 's-2');
    await runner.waitFor(position, 1000);
    expect(counts(db)).toEqual({ 's-1': 2, 's-2': 1 });
    expect(readCheckpoint(db, 'counting')).toBe(position);
    expect(await runner.lag()).toEqual({ counting: 0 });
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    runner.start();
    await runner.waitFor((await append(store, 's-1')).position, 1000);
    await runner.stop();
    await append(store, 's-1');
    runner = newRunner();
    runner.start();
    await runner.waitFor((await append(store, 's-1')).position, 1000);
    expect(counts(db)).toEqual({ 's-1': 3 });
  });

  it('stops on a poison event, says which, and never skips it', async () => {
    await append(store, 's-1');
    const poison = await append(store, 's-1', 'Poison');
    await append(store, 's-1');
    runner.start();
    await expect(runner.waitFor(poison.position + 1, 1000)).rejects.toBeInstanceOf(ProjectionFailedError);
    const [status] = runner.statuses();
    expect(status).toMatchObject({ state: 'failed', failure: { type: 'Poison', message: 'cannot read this event' } });
    expect(readCheckpoint(db, 'counting')).toBeLessThan(poison.position);
  });

  it('retries while its file is read-only, never calls the event poisoned, and recovers by itself', async () => {
    runner.start();
    await runner.waitFor((await append(store, 's-1')).position, 1000);
    db.pragma('query_only = ON');
    const blocked = await append(store, 's-1');
    await until(() => runner.statuses()[0].state === 'retrying');
    expect(runner.statuses()[0].failure?.message).toMatch(/readonly/);
    await new Promise((resolve) => setTimeout(resolve, 600)); // at least one failed reopening (the first retry comes after 250 ms)
    expect(runner.statuses()[0].state).toBe('retrying');
    db.pragma('query_only = OFF');
    await runner.waitFor(blocked.position, 5_000);
    expect(runner.statuses()[0]).toMatchObject({ state: 'running', failure: undefined });
    expect(counts(db)).toEqual({ 's-1': 2 });
  });

  it('times out a wait for a position that never comes', async () => {
    runner.start();
    await expect(runner.waitFor(999, 50)).rejects.toBeInstanceOf(ProjectionTimeoutError);
  });
});
