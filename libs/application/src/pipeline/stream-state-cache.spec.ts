import type { Decider } from '@app/kernel';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { verifyChain } from '@app/integrity';
import type { CommandContext } from './command-context';
import { CommandPipeline } from './command-pipeline';
import { PreconditionFailedError } from './pipeline.errors';
import { StreamStateCache } from './stream-state-cache';

type Add = { type: 'Add'; data: { amount: number } };
type Added = { type: 'Added'; data: { amount: number } };
const counter: Decider<Add, Added, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: (command) => [{ type: 'Added', data: { amount: command.data.amount } }],
};
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });
let sequence = 0;
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  commandId: `cached-${++sequence}`,
  correlationId: 'c',
  causationId: 'r',
  actor: { id: 'officer-7', role: 'officer' },
  now: '2024-05-02T14:03:00.000Z',
  ...overrides,
});

/** A store that counts the stream reads the pipeline makes. */
function counting(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const wrapped = Object.assign(Object.create(store) as EventStore, {
    readStream: (stream: string) => (reads++, store.readStream(stream)),
    readStreamOrEmpty: (stream: string) => (reads++, store.readStreamOrEmpty?.(stream) ?? store.readStream(stream)),
  });
  return { store: wrapped, reads: () => reads };
}

describe('CommandPipeline with a stream-state cache', () => {
  it('decides a command on a stream it decided before without reading the stream', async () => {
    const { store, reads } = counting(new MemoryEventStore());
    const cache = new StreamStateCache(10);
    const pipeline = new CommandPipeline(store, undefined, cache);
    await pipeline.run(counter, 'counter-1', add(1), context());
    const before = reads();
    const outcome = await pipeline.run(counter, 'counter-1', add(2), context());
    expect(reads()).toBe(before);
    expect(outcome).toMatchObject({ state: { total: 3 }, revision: 1 });
    expect(verifyChain(await store.readStream('counter-1'))).toMatchObject({ valid: true });
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1 });
  });

  it('reads again when another writer made its entry stale, and appends on the real state once', async () => {
    const store = new MemoryEventStore();
    const mine = new CommandPipeline(store, undefined, new StreamStateCache(10));
    const other = new CommandPipeline(store);
    await mine.run(counter, 'counter-1', add(1), context());
    await other.run(counter, 'counter-1', add(10), context());
    const outcome = await mine.run(counter, 'counter-1', add(100), context());
    expect(outcome).toMatchObject({ state: { total: 111 }, revision: 2 });
    expect((await store.readStream('counter-1')).map((event) => event.data.amount)).toEqual([1, 10, 100]);
  });

  it('answers a retried command from the stored events, appending nothing, even from a warm entry', async () => {
    const store = new MemoryEventStore();
    const pipeline = new CommandPipeline(store, undefined, new StreamStateCache(10));
    const retried = context();
    await pipeline.run(counter, 'counter-1', add(5), retried);
    const again = await pipeline.run(counter, 'counter-1', add(5), retried);
    expect(again).toMatchObject({ alreadyApplied: true, revision: 0 });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('reads the stream before answering 412 to an If-Match its stale entry does not know', async () => {
    const store = new MemoryEventStore();
    const mine = new CommandPipeline(store, undefined, new StreamStateCache(10));
    await mine.run(counter, 'counter-1', add(1), context());
    await new CommandPipeline(store).run(counter, 'counter-1', add(1), context());
    await expect(mine.run(counter, 'counter-1', add(1), context({ expectedRevision: 1 }))).resolves.toMatchObject({
      revision: 2,
    });
    await expect(mine.run(counter, 'counter-1', add(1), context({ expectedRevision: 1 }))).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });

  it('holds at most its number of entries, evicting the least recently used', () => {
    const cache = new StreamStateCache(2);
    const entry = { state: {}, revision: 0, lastHash: null, lastPosition: 1, commandIds: new Set<string>() };
    cache.set('a', entry);
    cache.set('b', entry);
    cache.get('a');
    cache.set('c', entry);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(cache.stats()).toEqual({ entries: 2, max_entries: 2, hits: 3, misses: 1, evictions: 1 });
    expect(() => new StreamStateCache(0)).toThrow(/at least 1/);
  });
});
