import type Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import type { CatchUpHandler } from './catch-up-handler';
import { ProjectionRunner, ProjectionTimeoutError } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';

/** A handler that stores nothing and handles no batch while held. */
function handler(name: string, reactsTo?: CatchUpHandler['reactsTo']) {
  let release = () => undefined as void;
  let held: Promise<void> | null = null;
  const self = {
    hold: () => void (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => {
      held = null;
      release();
    },
    handler: {
      name,
      open: () => 0,
      ...(reactsTo ? { reactsTo } : {}),
      async handle() {
        await held;
      },
    } satisfies CatchUpHandler,
  };
  return self;
}

const append = (store: EventStore, type = 'Happened') =>
  store.appendToStream('s-1', [{ eventId: crypto.randomUUID(), type, data: {}, metadata: {} }], {
    expectedRevision: 'any',
  });

describe('ProjectionRunner: waiting for some workers', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  const quick = handler('quick', (event) => event.type === 'Received');
  const slow = handler('slow');

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = new ProjectionRunner(store, db, [], () => '2024-01-01T00:00:00.000Z');
    runner.addHandler(quick.handler);
    runner.addHandler(slow.handler);
    runner.start();
  });
  afterEach(async () => {
    slow.release();
    await runner.stop();
    db.close();
  });

  it('resolves once the named workers reach the position while another one is held', async () => {
    slow.hold();
    const { position } = await append(store);
    await runner.waitForWorkers(['quick'], position, 1000);
    expect(runner.reached(['quick'], position)).toBe(true);
    expect(runner.reached(['quick', 'slow'], position)).toBe(false);
    await expect(runner.waitFor(position, 50)).rejects.toBeInstanceOf(ProjectionTimeoutError);
    const waiting = runner.waitForWorkers(['slow'], position, 1000);
    slow.release();
    await waiting;
    expect(runner.reached(['quick', 'slow'], position)).toBe(true);
  });

  it('passes over names it does not run, and times out on a named worker that does not get there', async () => {
    slow.hold();
    const { position } = await append(store);
    await expect(runner.waitForWorkers(['not-run'], position, 50)).resolves.toBeUndefined();
    await expect(runner.waitForWorkers(['slow', 'not-run'], position, 50)).rejects.toThrow(
      `slow, not-run did not reach position ${position} in 50 ms`,
    );
  });

  it('names the processes that react to an event, and only those', () => {
    expect(runner.reactingTo({ streamName: 's-1', type: 'Received', data: {} })).toEqual(['quick']);
    expect(runner.reactingTo({ streamName: 's-1', type: 'Decided', data: {} })).toEqual([]);
  });
});
