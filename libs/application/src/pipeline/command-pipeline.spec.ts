import { DomainError, type Decider } from '@app/kernel';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import type { CommandContext } from './command-context';
import { CommandPipeline } from './command-pipeline';
import { ConcurrencyExhaustedError, PreconditionFailedError } from './pipeline.errors';
import { StreamStateCache } from './stream-state-cache';

type Add = { type: 'Add'; data: { amount: number } };
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Add, Added, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: (command, state) => {
    if (command.data.amount < 0) throw new DomainError('NEGATIVE', 'no negative amounts');
    if (command.data.amount === 0) return [];
    if (state.total + command.data.amount > 100) throw new DomainError('FULL', 'over 100', 'conflict');
    return [
      { type: 'Added', data: { amount: command.data.amount } },
      { type: 'Added', data: { amount: 0 } },
    ];
  },
};
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });

let sequence = 0;
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: `command-${++sequence}`,
  correlationId: 'correlation-1',
  causationId: 'request-1',
  actor: { id: 'officer-7', role: 'officer' },
  now: '2024-05-02T14:03:00.000Z',
  ...overrides,
});

describe.each([
  ['without a cache', () => null],
  ['with a stream-state cache', () => new StreamStateCache(100)],
])('CommandPipeline %s', (_, cache) => {
  let store: EventStore;
  let pipeline: CommandPipeline;
  beforeEach(() => {
    store = new MemoryEventStore();
    pipeline = new CommandPipeline(store, undefined, cache());
  });

  it('appends the decided events with the full metadata and a valid hash chain', async () => {
    const ctx = context();
    const outcome = await pipeline.run(counter, 'counter-1', add(5), ctx);
    await pipeline.run(counter, 'counter-1', add(7), context());
    const events = await store.readStream('counter-1');
    expect(outcome).toMatchObject({ state: { total: 5 }, revision: 1, alreadyApplied: false });
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(events[0].metadata).toMatchObject({
      commandId: ctx.commandId,
      commandType: 'Add',
      correlationId: 'correlation-1',
      causationId: 'request-1',
      actor: { id: 'officer-7', role: 'officer' },
      recordedAt: '2024-05-02T14:03:00.000Z',
      schemaVersion: 1,
      previousHash: null,
    });
    expect(events[1].metadata.previousHash).toBe(events[0].metadata.hash);
    expect(verifyChain(events)).toEqual({ valid: true, checkedEvents: 4 });
  });

  it('answers a repeated command id from the stream and appends nothing', async () => {
    const ctx = context();
    const first = await pipeline.run(counter, 'counter-1', add(5), ctx);
    const again = await pipeline.run(counter, 'counter-1', add(5), ctx);
    expect(again).toMatchObject({ alreadyApplied: true, position: first.position, revision: 1 });
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('derives event ids from the command id, so the same command always writes the same ids', async () => {
    const ctx = context();
    await pipeline.run(counter, 'counter-1', add(5), ctx);
    const other = new MemoryEventStore();
    await new CommandPipeline(other).run(counter, 'counter-1', add(5), ctx);
    const ids = async (s: EventStore) => (await s.readStream('counter-1')).map((e) => e.eventId);
    expect(await ids(other)).toEqual(await ids(store));
  });

  it('fails with 412 semantics on a stale If-Match and appends nothing', async () => {
    await pipeline.run(counter, 'counter-1', add(5), context());
    await expect(pipeline.run(counter, 'counter-1', add(1), context({ expectedRevision: 0 }))).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('accepts a matching If-Match', async () => {
    await pipeline.run(counter, 'counter-1', add(5), context());
    await expect(pipeline.run(counter, 'counter-1', add(1), context({ expectedRevision: 1 }))).resolves.toMatchObject({
      revision: 3,
    });
  });

  it('re-reads and decides again when another writer got in first', async () => {
    const racing = raceOnce(store, () => pipeline.run(counter, 'counter-1', add(90), context()));
    const outcome = await new CommandPipeline(racing).run(counter, 'counter-1', add(5), context());
    expect(outcome.state.total).toBe(95);
    expect((await store.readStream('counter-1')).map((e) => e.data.amount)).toEqual([90, 0, 5, 0]);
  });

  it('decides again on the fresh state, so a rule can refuse after the retry', async () => {
    const racing = raceOnce(store, () => pipeline.run(counter, 'counter-1', add(99), context()));
    await expect(new CommandPipeline(racing).run(counter, 'counter-1', add(5), context())).rejects.toMatchObject({
      code: 'FULL',
    });
  });

  it('gives up after the bounded number of attempts', async () => {
    const alwaysRacing = raceAlways(store, () => pipeline.run(counter, 'counter-1', add(1), context()));
    await expect(
      new CommandPipeline(alwaysRacing, 3).run(counter, 'counter-1', add(1), context()),
    ).rejects.toBeInstanceOf(ConcurrencyExhaustedError);
  });

  it('decides the command as `prepare` completes it from the state it read, reading the stream once', async () => {
    await pipeline.run(counter, 'counter-1', add(30), context());
    const reads: string[] = [];
    const counted = withReadHook(store, (stream) => reads.push(stream));
    const topUp = (command: Add, state: { total: number }): Add => ({ ...command, data: { amount: 50 - state.total } });
    const outcome = await new CommandPipeline(counted).run(counter, 'counter-1', add(0), context(), { prepare: topUp });
    expect(outcome).toMatchObject({ state: { total: 50 }, alreadyApplied: false });
    expect(reads).toEqual(['counter-1']);
  });

  it('prepares again from the re-read state when another writer got in first', async () => {
    const seen: number[] = [];
    const racing = raceOnce(store, () => pipeline.run(counter, 'counter-1', add(10), context()));
    const topUp = (command: Add, state: { total: number }): Add => (
      seen.push(state.total),
      { ...command, data: { amount: 50 - state.total } }
    );
    const outcome = await new CommandPipeline(racing).run(counter, 'counter-1', add(0), context(), { prepare: topUp });
    expect(seen).toEqual([0, 10]);
    expect(outcome.state).toEqual({ total: 50 });
  });

  it('appends nothing when the decider refuses or decides nothing', async () => {
    await expect(pipeline.run(counter, 'counter-1', add(-1), context())).rejects.toMatchObject({ code: 'NEGATIVE' });
    const unchanged = await pipeline.run(counter, 'counter-1', add(0), context());
    expect(unchanged).toMatchObject({ revision: null, events: [] });
    expect(await store.headPosition()).toBe(0);
  });
});

/** A store whose next append is preceded by another writer's command. */
function raceOnce(store: EventStore, other: () => Promise<unknown>): EventStore {
  let raced = false;
  return withAppendHook(store, async () => {
    if (raced) return;
    raced = true;
    await other();
  });
}

function raceAlways(store: EventStore, other: () => Promise<unknown>): EventStore {
  return withAppendHook(store, async () => void (await other()));
}

function withReadHook(store: EventStore, onRead: (stream: string) => void): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream')
        return (...args: Parameters<EventStore['readStream']>) => (onRead(args[0]), target.readStream(...args));
      if (property === 'readStreamOrEmpty' && target.readStreamOrEmpty)
        return (stream: string) => (onRead(stream), target.readStreamOrEmpty?.(stream));
      return Reflect.get(target, property, receiver);
    },
  });
}

function withAppendHook(store: EventStore, before: () => Promise<void>): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendToStream') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<EventStore['appendToStream']>) => {
        await before();
        return target.appendToStream(...args);
      };
    },
  });
}
