import type { EventStore } from './event-store.port';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import type { ReceivedCall } from './testing/fake-kurrentdb-server.contract';
import { useFakeKurrentDb } from './testing/fake-kurrentdb-store.contract';

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
    const kurrent = useFakeKurrentDb(TIMEOUT_MS);
    beforeEach(async () => {
      kurrent.server.batchAppends = batchAppends;
      await kurrent.store.appendToStream(STREAM, [newEvent()], { expectedRevision: 'any' });
    });

    it('gives the server-features request and the first append a deadline within timeoutMs', () => {
      expect(kurrent.server.calls.map((call) => call.method)).toEqual(['features', 'append']);
      expect(withoutDeadline(kurrent.server.calls)).toEqual([]);
    });

    it.each(Object.keys(operations))('gives %s a deadline within timeoutMs', async (name) => {
      const before = kurrent.server.calls.length;

      await operations[name](kurrent.store);

      const calls = kurrent.server.calls.slice(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(withoutDeadline(calls)).toEqual([]);
    });

    it('gives a subscription no deadline: it lasts until closed', async () => {
      const subscription = kurrent.store.subscribeToAll();
      const iteration = (async () => {
        for await (const event of subscription) return event;
      })();

      const first = await iteration;

      expect(first?.streamName).toBe(STREAM);
      expect(kurrent.server.calls.filter((call) => call.method === 'subscribe')).toEqual([
        expect.objectContaining({ method: 'subscribe', deadlineMs: Infinity }),
      ]);
      await subscription.close();
    });
  },
);
