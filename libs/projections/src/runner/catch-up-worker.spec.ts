import { MemoryEventStore, type EventStore, type RecordedEvent, type StoreSubscription } from '@app/event-store';
import type { CatchUpHandler } from './catch-up-handler';
import { CatchUpWorker } from './catch-up-worker';
import { until } from '../testing/until';

const readOnly = () => Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });

describe('CatchUpWorker', () => {
  it('keeps retrying, never throwing from its timer, while its storage cannot even be reopened', async () => {
    const store = new MemoryEventStore();
    const { position } = await store.appendToStream(
      's-1',
      [{ eventId: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }],
      { expectedRevision: 'any' },
    );
    let opens = 0;
    const handled: number[] = [];
    const handler: CatchUpHandler = {
      name: 'flaky',
      open() {
        opens++;
        if (opens === 2) throw readOnly(); // the first retry finds the file still read-only
        return 0;
      },
      handle(batch) {
        if (opens === 1) throw readOnly();
        handled.push(...batch.map((event) => event.position));
      },
    };
    const worker = new CatchUpWorker(store, handler);
    worker.start();
    await until(() => opens >= 3 && worker.status().state === 'running' && handled.length > 0);
    expect(handled).toEqual([position]);
    expect(worker.status()).toMatchObject({ state: 'running', checkpoint: position, failure: undefined });
    await worker.stop();
  });

  it('resubscribes from its checkpoint when a subscription ends without being closed', async () => {
    const store = new MemoryEventStore();
    const append = () =>
      store.appendToStream('s-1', [{ eventId: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} }], {
        expectedRevision: 'any',
      });
    await append();
    let subscriptions = 0;
    /** The first subscription delivers what is stored and then ends, as a cancelled KurrentDB stream does. */
    const endingFirst: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribeToAll(options: { after?: number }): StoreSubscription {
        subscriptions++;
        if (subscriptions > 1) return store.subscribeToAll(options);
        return {
          async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
            yield* await store.readAll({ after: options.after ?? 0, limit: 100 });
          },
          close: async () => undefined,
        };
      },
    });
    const handled: number[] = [];
    const worker = new CatchUpWorker(endingFirst, {
      name: 'follower',
      open: () => handled.at(-1) ?? 0,
      handle: (batch) => void handled.push(...batch.map((event) => event.position)),
    });
    worker.start();
    await until(() => subscriptions === 2 && worker.status().state === 'running');
    const { position } = await append();
    await until(() => handled.includes(position));

    expect(handled).toEqual([1, position]);
    await worker.stop();
  });

  describe('at the head of the log, with time to gather commits (a read model no answer waits for)', () => {
    /** Long enough that a loaded machine does the steps each test times well within it. */
    const GATHER_MS = 1_000;
    const event = () => ({ eventId: crypto.randomUUID(), type: 'Happened', data: {}, metadata: {} });
    const append = (store: EventStore, count = 1) =>
      store.appendToStream('s-1', Array.from({ length: count }, event), { expectedRevision: 'any' });

    /** A worker over `store` that records each batch's positions, and when each was handled. */
    function gathering(store: EventStore, batchSize = 500) {
      const batches: { positions: number[]; at: number }[] = [];
      const worker = new CatchUpWorker(
        store,
        {
          name: 'gathering',
          open: () => 0,
          handle: (batch) =>
            void batches.push({ positions: batch.map((each) => each.position), at: performance.now() }),
        },
        batchSize,
        null,
        null,
        GATHER_MS,
      );
      return { worker, batches };
    }

    /** A gathering worker at the head of a log of one event, paused after its first batch. */
    async function pausedAtHead() {
      const store = new MemoryEventStore();
      const { worker, batches } = gathering(store);
      worker.start();
      await append(store);
      await until(() => batches.length === 1);
      return { store, worker, batches };
    }

    it('takes the commits that come in during its pause in one batch', async () => {
      const { store, worker, batches } = await pausedAtHead();
      for (let commit = 0; commit < 5; commit++) await append(store);
      await until(() => batches.length === 2);
      expect(batches.map((batch) => batch.positions)).toEqual([[1], [2, 3, 4, 5, 6]]);
      expect(batches[1].at - batches[0].at).toBeGreaterThanOrEqual(GATHER_MS - 5);
      await worker.stop();
    });

    it('takes its next batch at once when a reader hurries it, during a batch or during the pause', async () => {
      const { store, worker, batches } = await pausedAtHead();
      const hurried = performance.now();
      await append(store);
      worker.hurry();
      await until(() => batches.length === 2);
      expect(batches[1].positions).toEqual([2]);
      expect(batches[1].at - hurried).toBeLessThan(GATHER_MS / 2);
      // The worker paused after the second batch: a hurry ends that pause, and the worker waits for
      // the log. A hurry then, before the next commit, skips the pause after the batch that takes it.
      worker.hurry();
      worker.hurry();
      const { position } = await append(store);
      await until(() => batches.length === 3);
      const skipped = performance.now();
      await append(store);
      await until(() => batches.length === 4);
      expect(batches[2].positions).toEqual([position]);
      // Without the skip, the fourth batch would come at the end of a whole pause after the third.
      expect(performance.now() - skipped).toBeLessThan(GATHER_MS / 2);
      await worker.stop();
    });

    it('does not pause while it catches up: a full batch is followed by the next at once', async () => {
      const store = new MemoryEventStore();
      await append(store, 40);
      const { worker, batches } = gathering(store, 10);
      const started = performance.now();
      worker.start();
      await until(() => worker.status().checkpoint === 40);
      expect(batches.map((batch) => batch.positions.length)).toEqual([10, 10, 10, 10]);
      expect(performance.now() - started).toBeLessThan(GATHER_MS);
      await worker.stop();
    });

    it('stops at once during a pause', async () => {
      const { worker } = await pausedAtHead();
      const stopping = performance.now();
      await worker.stop();
      expect(performance.now() - stopping).toBeLessThan(GATHER_MS / 2);
      expect(worker.status().state).toBe('stopped');
    });
  });
});
