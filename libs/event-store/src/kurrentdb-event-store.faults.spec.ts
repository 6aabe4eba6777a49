import { StoreTimeoutError, StoreUnavailableError } from './event-store.errors';
import type { KurrentDbEventStore } from './kurrentdb-event-store';
import { idsOf, newEvent, newStream, within } from './testing/event-store-fixtures.contract';
import { useFakeKurrentDb } from './testing/fake-kurrentdb-store.contract';
import type { RecordedEvent, StoreSubscription } from './event-store.port';

/** Long enough that a loaded machine answers the calls meant to succeed; each timeout test waits it once. */
const TIMEOUT_MS = 1000;
const SETTLE_MS = 5000;

/** Iterates `subscription`, handing each event to `seen`; resolves when iteration ends, rejects when it fails. */
async function collectInto(subscription: StoreSubscription, seen: RecordedEvent[]): Promise<void> {
  for await (const event of subscription) seen.push(event);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not so within ${SETTLE_MS} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('KurrentDbEventStore (the real client) against an in-process gRPC server', () => {
  const kurrent = useFakeKurrentDb(TIMEOUT_MS);

  it('appends, reads a stream and the log, and follows it, as against KurrentDB', async () => {
    const stream = newStream();
    const events = [newEvent(), newEvent()];

    const appended = await kurrent.store.appendToStream(stream, events, { expectedRevision: 'no-stream' });

    expect(appended).toEqual({ nextExpectedRevision: 1, position: 200 });
    expect(idsOf(await kurrent.store.readStream(stream))).toEqual(idsOf(events));
    expect(idsOf(await kurrent.store.readAll({ after: 100, limit: 10 }))).toEqual([events[1].eventId]);
    expect(await kurrent.store.headPosition()).toBe(200);
  });

  it('asks the server for its own streams only, on reads of the log and on subscriptions', async () => {
    const own = newStream();
    await kurrent.store.appendToStream('orders-1', [newEvent()], { expectedRevision: 'no-stream' });
    await kurrent.store.appendToStream(own, [newEvent()], { expectedRevision: 'no-stream' });
    const subscription = kurrent.store.subscribeToAll();
    const iteration = collectInto(subscription, []);

    const events = await kurrent.store.readAll({ after: 0, limit: 10 });
    await until(() => kurrent.server.liveSubscriptions === 1, 'the subscription reached the server');
    await subscription.close();
    await within(SETTLE_MS, iteration);

    expect(events.map((event) => event.streamName)).toEqual([own]);
    const filtered = kurrent.server.calls.filter((call) => call.method === 'read' || call.method === 'subscribe');
    expect(filtered.map((call) => [call.method, call.prefixes]).sort()).toEqual([
      ['read', ['contract-']],
      ['subscribe', ['contract-']],
    ]);
  });

  describe('a timeout of one call (issue 20, defect 1)', () => {
    beforeEach(async () => {
      // Appends over one BatchAppend stream, as with a real server. The server-features request is
      // made once, here, so that only the call meant to time out does.
      kurrent.server.batchAppends = true;
      await kurrent.store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });
    });

    it.each([
      ['a read of the log', 'reads', (s: KurrentDbEventStore) => s.readAll({ after: 0, limit: 10 })],
      [
        'an append',
        'appends',
        (s: KurrentDbEventStore) => s.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' }),
      ],
    ] as const)('leaves a live subscription delivering after %s timed out', async (_, kind, timesOut) => {
      const stream = newStream();
      const seen: RecordedEvent[] = [];
      const subscription = kurrent.store.subscribeToAll();
      const iteration = collectInto(subscription, seen);
      await until(() => kurrent.server.liveSubscriptions === 1, 'the subscription reached the server');

      kurrent.server[kind] = 'silent';
      await expect(timesOut(kurrent.store)).rejects.toThrow(StoreTimeoutError);
      kurrent.server[kind] = 'answer';
      const later = newEvent();
      await kurrent.store.appendToStream(stream, [later], { expectedRevision: 'no-stream' });

      await until(() => seen.some((event) => event.eventId === later.eventId), 'the later event was delivered');
      expect(kurrent.server.liveSubscriptions).toBe(1);
      await subscription.close();
      await within(SETTLE_MS, iteration);
    });

    it('lets an append in flight finish with its own answer while a read times out', async () => {
      kurrent.server.reads = 'silent';
      const timedOut = kurrent.store.readAll({ after: 0, limit: 10 });
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 0.6));
      kurrent.server.appendDelayMs = TIMEOUT_MS * 0.7; // answered after the read timed out, within its own deadline
      const inFlight = kurrent.store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });

      await expect(timedOut).rejects.toThrow(StoreTimeoutError);
      expect(await inFlight).toMatchObject({ nextExpectedRevision: 0 });
    });
  });

  it('fails a subscription with StoreUnavailableError when the server ends it, never ends it silently', async () => {
    const subscription = kurrent.store.subscribeToAll();
    const iteration = collectInto(subscription, []);
    await until(() => kurrent.server.liveSubscriptions === 1, 'the subscription reached the server');

    kurrent.server.endSubscriptions();

    await expect(within(SETTLE_MS, iteration)).rejects.toThrow(StoreUnavailableError);
  });

  it('asks again which methods the server supports after that request timed out', async () => {
    kurrent.server.features = 'silent';
    await expect(kurrent.store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(
      StoreUnavailableError,
    );
    kurrent.server.features = 'answer';

    const appended = await kurrent.store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' });

    expect(appended.nextExpectedRevision).toBe(0);
    expect(kurrent.server.calls.filter((call) => call.method === 'features')).toHaveLength(2);
  });
});
