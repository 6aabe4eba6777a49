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
});
