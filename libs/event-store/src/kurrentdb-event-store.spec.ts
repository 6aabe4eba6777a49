import { StoreUnavailableError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { describeConcurrentSubmissions } from './testing/concurrent-submissions.contract';
import { describeEventStoreContract } from './testing/event-store.contract';
import { CONTRACT_STREAM_PREFIXES, follow, newEvent, newStream, within } from './testing/event-store-fixtures.contract';
import { closedPort, FaultyTcpServer } from './testing/faulty-tcp-server.contract';
import { describeKurrentDbRecovery } from './testing/kurrentdb-recovery.contract';

const KURRENTDB_URL = process.env.KURRENTDB_URL;

if (KURRENTDB_URL) {
  const open = () =>
    new KurrentDbEventStore({ connectionString: KURRENTDB_URL, streamPrefixes: CONTRACT_STREAM_PREFIXES });
  describeEventStoreContract('kurrentdb', open, {
    startsEmpty: false,
    refusesEventIdsStoredElsewhere: false,
  });
  describeConcurrentSubmissions('kurrentdb', () => [open()]);
  describeConcurrentSubmissions('kurrentdb, two clients', () => [open(), open()]);
  describeKurrentDbRecovery(KURRENTDB_URL);
} else {
  describe('kurrentdb event store contract', () => {
    it('skipped: KURRENTDB_URL not set, so neither the contract, the concurrent submissions nor the cut-and-restore recovery ran (docker compose up -d --wait; KURRENTDB_URL=kurrentdb://localhost:2113?tls=false)', () => {
      console.log(
        'KurrentDB contract, concurrent submissions and recovery through a proxy skipped: KURRENTDB_URL not set',
      );
      expect(KURRENTDB_URL).toBeUndefined();
    });
  });
}

const TIMEOUT_MS = 500;
const MARGIN_MS = 1500;
const urlOf = (port: number) => `kurrentdb://127.0.0.1:${port}?tls=false`;

const operations: Record<string, (store: EventStore) => Promise<unknown>> = {
  append: (store) => store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' }),
  checkHealth: (store) => store.checkHealth(),
  readStream: (store) => store.readStream(newStream()),
  readAll: (store) => store.readAll({ limit: 10 }),
  headPosition: (store) => store.headPosition(),
};

async function elapsedUntilRejected(operation: Promise<unknown>): Promise<number> {
  const started = Date.now();
  await expect(operation).rejects.toThrow(StoreUnavailableError);
  return Date.now() - started;
}

describe('KurrentDbEventStore against a server that never answers', () => {
  let server: FaultyTcpServer;
  let store: KurrentDbEventStore;
  beforeEach(async () => {
    server = await FaultyTcpServer.start();
    store = new KurrentDbEventStore({ connectionString: urlOf(server.port), timeoutMs: TIMEOUT_MS });
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it.each(Object.keys(operations))('%s rejects with StoreUnavailableError after timeoutMs', async (name) => {
    const elapsed = await elapsedUntilRejected(operations[name](store));

    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('keeps answering (with timeouts) after a first call timed out', async () => {
    await elapsedUntilRejected(store.checkHealth());

    expect(await elapsedUntilRejected(operations.append(store))).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('ends a subscription that never received anything when it is closed', async () => {
    const subscription = store.subscribeToAll();
    const iteration = follow(subscription, [newStream()]);

    await new Promise((resolve) => setTimeout(resolve, 100));
    await subscription.close();

    expect(await within(TIMEOUT_MS + MARGIN_MS, iteration)).toEqual([]);
  });
});

describe('KurrentDbEventStore against a closed port', () => {
  let store: KurrentDbEventStore;
  beforeEach(async () => {
    store = new KurrentDbEventStore({ connectionString: urlOf(await closedPort()), timeoutMs: 5000 });
  });
  afterEach(async () => {
    await store.close();
  });

  it.each(Object.keys(operations))(
    '%s rejects with StoreUnavailableError without waiting for the timeout',
    async (name) => {
      expect(await elapsedUntilRejected(operations[name](store))).toBeLessThan(2000);
    },
  );

  it('fails a subscription with StoreUnavailableError', async () => {
    const subscription = store.subscribeToAll();

    await expect(within(2000, follow(subscription, []))).rejects.toThrow(StoreUnavailableError);
  });
});
