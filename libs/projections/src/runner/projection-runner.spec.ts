import type Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import type { Projection } from './projection';
import { ProjectionRunner, ProjectionTimeoutError, ProjectionsStoppedError } from './projection-runner';
import { openReadModelDatabase, readCheckpoint } from './read-model-database';
import { until } from '../testing/until';

/** Counts events per stream; refuses events of type `Poison`. */
const counting: Projection = {
  name: 'counting',
  setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS counts (stream TEXT PRIMARY KEY, seen INTEGER, revision INTEGER)'),
  reset: (db) => db.exec('DROP TABLE IF EXISTS counts'),
  apply(db, event) {
    if (event.type === 'Poison') throw new Error('cannot read this event');
    const row = db.prepare('SELECT revision FROM counts WHERE stream = ?').get(event.streamName) as
      { revision: number } | undefined;
    if (row && event.revision <= row.revision) return;
    db.prepare(
      'INSERT INTO counts VALUES (?, 1, ?) ON CONFLICT(stream) DO UPDATE SET seen = seen + 1, revision = excluded.revision',
    ).run(event.streamName, event.revision);
  },
};

const append = (store: EventStore, stream: string, type = 'Happened') =>
  store.appendToStream(stream, [{ eventId: crypto.randomUUID(), type, data: {}, metadata: {} }], {
    expectedRevision: 'any',
  });

const counts = (db: Database.Database) =>
  Object.fromEntries(
    (db.prepare('SELECT stream, seen FROM counts ORDER BY stream').all() as { stream: string; seen: number }[]).map(
      (r) => [r.stream, r.seen],
    ),
  );

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

  it('parks a poison event with its error, moves on past it, and keeps passing over it after a restart', async () => {
    await append(store, 's-1');
    const poison = await append(store, 's-1', 'Poison');
    const after = await append(store, 's-2');
    runner.start();
    await runner.waitFor(after.position, 1000);
    expect(runner.statuses()[0]).toMatchObject({ state: 'running', failure: undefined });
    expect(counts(db)).toEqual({ 's-1': 1, 's-2': 1 });
    const [parked] = runner.parking.events.list({ limit: 10 });
    expect(parked).toMatchObject({
      handler: 'counting',
      position: poison.position,
      type: 'Poison',
      error: 'cannot read this event',
      state: 'parked',
      attempts: 1,
    });
    expect(runner.parking.events.countParked()).toEqual({ counting: 1 });

    await runner.stop();
    db.prepare("DELETE FROM projection_checkpoints WHERE name = 'counting'").run(); // replay everything from the start
    db.exec('DELETE FROM counts');
    runner = new ProjectionRunner(store, db, [counting], () => '2025-01-01T00:00:00Z');
    runner.start();
    await runner.waitFor(after.position, 1000);
    expect(counts(db)).toEqual({ 's-1': 1, 's-2': 1 });
    expect(runner.parking.events.list({ limit: 10 })).toEqual([
      expect.objectContaining({ id: parked.id, attempts: 1 }),
    ]);
  });

  it('parks an event the store could not read before the projection sees it, and moves on', async () => {
    const unreadable = await append(store, 's-1');
    const after = await append(store, 's-2');
    const marking = Object.assign(Object.create(store) as EventStore, {
      subscribeToAll: (options: { after?: number }) => {
        const inner = store.subscribeToAll(options);
        return {
          async *[Symbol.asyncIterator]() {
            for await (const event of inner)
              yield event.position === unreadable.position ? { ...event, unreadable: 'binary data' } : event;
          },
          close: () => inner.close(),
        };
      },
    });
    runner = new ProjectionRunner(marking, db, [counting], () => '2025-01-01T00:00:00Z');
    runner.start();
    await runner.waitFor(after.position, 1000);
    expect(counts(db)).toEqual({ 's-2': 1 });
    expect(runner.parking.events.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        position: unreadable.position,
        error: 'the store could not read this event: binary data',
      }),
    ]);
  });

  it('parks again an event whose retry still fails, and lets an operator skip it with a reason', async () => {
    const poison = await append(store, 's-1', 'Poison');
    runner.start();
    await runner.waitFor(poison.position, 1000);
    const [{ id }] = runner.parking.events.list({ state: 'parked', limit: 1 });

    await expect(runner.retryParked(id, { by: 'ops', reason: 'after the fix' })).rejects.toMatchObject({
      refusal: 'still-failing',
    });
    expect(runner.parking.events.find(id)).toMatchObject({ state: 'parked', attempts: 2 });

    expect(runner.parking.skip(id, { by: 'ops', reason: 'a test event, not a case' })).toMatchObject({
      state: 'skipped',
      resolvedBy: 'ops',
      reason: 'a test event, not a case',
    });
    expect(runner.parking.events.countParked()).toEqual({});
    expect(() => runner.parking.skip(id, { by: 'ops', reason: 'twice' })).toThrow(
      expect.objectContaining({ refusal: 'resolved' }),
    );
    expect(() => runner.parking.skip(999, { by: 'ops', reason: 'unknown' })).toThrow(
      expect.objectContaining({ refusal: 'not-found' }),
    );
  });

  it('applies a retried event once it can be handled, and the checkpoint stays where it is', async () => {
    let refuse = true;
    const flaky: Projection = {
      ...counting,
      name: 'flaky',
      apply: (into, event) =>
        refuse && event.type === 'Poison'
          ? counting.apply(into, event)
          : counting.apply(into, { ...event, type: 'Happened' }),
    };
    runner = new ProjectionRunner(store, db, [flaky], () => '2025-01-01T00:00:00Z');
    const poison = await append(store, 's-1', 'Poison');
    const later = await append(store, 's-2');
    runner.start();
    await runner.waitFor(later.position, 1000);
    const [{ id }] = runner.parking.events.list({ state: 'parked', limit: 1 });
    refuse = false;

    expect(await runner.retryParked(id, { by: 'ops', reason: 'fixed' })).toMatchObject({
      state: 'retried',
      resolvedBy: 'ops',
    });
    expect(counts(db)).toEqual({ 's-1': 1, 's-2': 1 });
    expect(readCheckpoint(db, 'flaky')).toBe(later.position);
    expect(poison.position).toBeLessThan(later.position);
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

  it('ends the waits still open when it stops, not at their timeout, and a wait begun after the stop at once', async () => {
    runner.start();
    const { position } = await append(store, 's-1');
    await runner.waitFor(position, 1000);
    const open = runner.waitFor(999, 60_000); // its timer would keep the process alive for a minute
    open.catch(() => undefined); // it rejects during stop(), before the assertion below looks
    await runner.stop();
    await expect(open).rejects.toThrow(
      new ProjectionsStoppedError('read models did not reach position 999: the projections stopped first'),
    );
    await expect(runner.waitFor(999, 60_000)).rejects.toBeInstanceOf(ProjectionsStoppedError);
    await expect(runner.waitFor(position, 60_000)).resolves.toBeUndefined(); // reached already

    runner.start();
    const next = await append(store, 's-2');
    await expect(runner.waitFor(next.position, 1000)).resolves.toBeUndefined();
  });
});
