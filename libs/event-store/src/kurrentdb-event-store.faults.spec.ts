import { StoreTimeoutError, StoreUnavailableError } from './event-store.errors';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { idsOf, newEvent, newStream, within } from './testing/event-store-fixtures.contract';
import { FakeKurrentDbServer } from './testing/fake-kurrentdb-server.contract';
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
  let server: FakeKurrentDbServer;
  let store: KurrentDbEventStore;
  beforeEach(async () => {
    server = await FakeKurrentDbServer.start();
    store = new KurrentDbEventStore({
      connectionString: server.connectionString,
      timeoutMs: TIMEOUT_MS,
      streamPrefixes: ['contract-'],
    });
  });
  afterEach(async () => {
    await store.close();
    server.stop();
  });

  it('appends, reads a stream and the log, and follows it, as against KurrentDB', async () => {
    const stream = newStream();
    const events = [newEvent(), newEvent()];

    const appended = await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });

    expect(appended).toEqual({ nextExpectedRevision: 1, position: 200 });
    expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
    expect(idsOf(await store.readAll({ after: 100, limit: 10 }))).toEqual([events[1].eventId]);
    expect(await store.headPosition()).toBe(200);
  });

  it('asks the server for its own streams only, on reads of the log and on subscriptions', async () => {
    const own = newStream();
    await store.appendToStream('orders-1', [newEvent()], { expectedRevision: 'no-stream' });
    await store.appendToStream(own, [newEvent()], { expectedRevision: 'no-stream' });
    const subscription = store.subscribeToAll();
    const iteration = collectInto(subscription, []);

    const events = await store.readAll({ after: 0, limit: 10 });
    await until(() => server.liveSubscriptions === 1, 'the subscription reached the server');
    await subscription.close();
    await within(SETTLE_MS, iteration);

    expect(events.map((event) => event.streamName)).toEqual([own]);
    const filtered = server.calls.filter((call) => call.method === 'read' || call.method === 'subscribe');
    expect(filtered.map((call) => [call.method, call.prefixes]).sort()).toEqual([
      ['read', ['contract-']],
      ['subscribe', ['contract-']],
    ]);
  });

  describe('a timeout of one call (issue 20, defect 1)', () => {
    beforeEach(async () => {
      // Appends over one BatchAppend stream, as with a real server. The server-features request is
      // made once, here, so that only the call meant to time out does.
      server.batchAppends = true;
      await store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });
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
      const subscription = store.subscribeToAll();
      const iteration = collectInto(subscription, seen);
      await until(() => server.liveSubscriptions === 1, 'the subscription reached the server');

      server[kind] = 'silent';
      await expect(timesOut(store)).rejects.toThrow(StoreTimeoutError);
      server[kind] = 'answer';
      const later = newEvent();
      await store.appendToStream(stream, [later], { expectedRevision: 'no-stream' });

      await until(() => seen.some((event) => event.eventId === later.eventId), 'the later event was delivered');
      expect(server.liveSubscriptions).toBe(1);
      await subscription.close();
      await within(SETTLE_MS, iteration);
    });

    it('lets an append in flight finish with its own answer while a read times out', async () => {
      server.reads = 'silent';
      const timedOut = store.readAll({ after: 0, limit: 10 });
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 0.6));
      server.appendDelayMs = TIMEOUT_MS * 0.7; // answered after the read timed out, within its own deadline
      const inFlight = store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });

      await expect(timedOut).rejects.toThrow(StoreTimeoutError);
      expect(await inFlight).toMatchObject({ nextExpectedRevision: 0 });
    });
  });

  it('fails a subscription with StoreUnavailableError when the server ends it, never ends it silently', async () => {
    const subscription = store.subscribeToAll();
    const iteration = collectInto(subscription, []);
    await until(() => server.liveSubscriptions === 1, 'the subscription reached the server');

    server.endSubscriptions();

    await expect(within(SETTLE_MS, iteration)).rejects.toThrow(StoreUnavailableError);
  });

  it('asks again which methods the server supports after that request timed out', async () => {
    server.features = 'silent';
    await expect(store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(
      StoreUnavailableError,
    );
    server.features = 'answer';

    const appended = await store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'any' });

    expect(appended.nextExpectedRevision).toBe(0);
    expect(server.calls.filter((call) => call.method === 'features')).toHaveLength(2);
  });
});
