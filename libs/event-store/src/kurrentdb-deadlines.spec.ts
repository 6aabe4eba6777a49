import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { FakeKurrentDbServer, type ReceivedCall } from './testing/fake-kurrentdb-server.contract';

/** No call here times out: a long deadline costs nothing, and a loaded machine still answers within it. */
const TIMEOUT_MS = 3000;
const STREAM = newStream();

const operations: Record<string, (store: EventStore) => Promise<unknown>> = {
  append: (store) => store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' }),
  readStream: (store) => store.readStream(STREAM),
  readAll: (store) => store.readAll({ after: 0, limit: 10 }),
  headPosition: (store) => store.headPosition(),
  checkHealth: (store) => store.checkHealth(),
};

/** Every call but the subscriptions' must reach the server with at most `TIMEOUT_MS` left. */
const withoutDeadline = (calls: readonly ReceivedCall[]) =>
  calls.filter((call) => call.method !== 'subscribe' && !(call.deadlineMs > 0 && call.deadlineMs <= TIMEOUT_MS));

/**
 * Appends go over one BatchAppend stream per connection when the server offers it (as every KurrentDB
 * since 21.10 does: the deadline is in each append's first message), else one Append call each.
 */
describe.each([
  ['BatchAppend', true],
  ['Append calls', false],
])(
  'KurrentDbEventStore call deadlines, as the server receives them, appending with %s (issue 20, defect 2)',
  (_, batchAppends) => {
    let server: FakeKurrentDbServer;
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      server = await FakeKurrentDbServer.start();
      server.batchAppends = batchAppends;
      store = new KurrentDbEventStore({
        connectionString: server.connectionString,
        timeoutMs: TIMEOUT_MS,
        streamPrefixes: ['contract-'],
      });
      await store.appendToStream(STREAM, [newEvent()], { expectedRevision: 'any' });
    });
    afterEach(async () => {
      await store.close();
      server.stop();
    });

    it('gives the server-features request and the first append a deadline within timeoutMs', () => {
      expect(server.calls.map((call) => call.method)).toEqual(['features', 'append']);
      expect(withoutDeadline(server.calls)).toEqual([]);
    });

    it.each(Object.keys(operations))('gives %s a deadline within timeoutMs', async (name) => {
      const before = server.calls.length;

      await operations[name](store);

      const calls = server.calls.slice(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(withoutDeadline(calls)).toEqual([]);
    });

    it('gives a subscription no deadline: it lasts until closed', async () => {
      const subscription = store.subscribeToAll();
      const iteration = (async () => {
        for await (const event of subscription) return event;
      })();

      const first = await iteration;

      expect(first?.streamName).toBe(STREAM);
      expect(server.calls.filter((call) => call.method === 'subscribe')).toEqual([
        expect.objectContaining({ method: 'subscribe', deadlineMs: Infinity }),
      ]);
      await subscription.close();
    });
  },
);
