import { StoreUnavailableError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { FaultyTcpServer } from './testing/faulty-tcp-server.contract';

const TIMEOUT_MS = 300;
const urlOf = (port: number) => `kurrentdb://127.0.0.1:${port}?tls=false`;
const append = (store: EventStore) =>
  store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' });

/**
 * A server that accepts connections and never answers: the client's first request on a connection
 * (which methods the server supports) misses its deadline, the client drops that connection, and the
 * next call opens a new one. (A timeout of a call on a connection that did answer drops nothing:
 * kurrentdb-event-store.faults.spec.ts.)
 */
describe('KurrentDbEventStore after its server stopped answering', () => {
  const servers: FaultyTcpServer[] = [];
  let store: KurrentDbEventStore;
  const start = async (options?: Parameters<typeof FaultyTcpServer.start>[0]) => {
    const server = await FaultyTcpServer.start(options);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await store.close();
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('opens a new connection for the next call instead of waiting forever on the silent one', async () => {
    const silent = await start();
    store = new KurrentDbEventStore({ connectionString: urlOf(silent.port), timeoutMs: TIMEOUT_MS });
    await expect(append(store)).rejects.toThrow(StoreUnavailableError);
    const afterFirstTimeout = silent.connectionsAccepted;

    await expect(append(store)).rejects.toThrow(StoreUnavailableError);

    expect(afterFirstTimeout).toBe(1);
    expect(silent.connectionsAccepted).toBe(2);
  });

  it('opens one new connection, not one per call, when concurrent calls missed the same request', async () => {
    const silent = await start();
    store = new KurrentDbEventStore({ connectionString: urlOf(silent.port), timeoutMs: TIMEOUT_MS });

    const concurrent = await Promise.allSettled([append(store), append(store), append(store)]);

    expect(concurrent.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(append(store)).rejects.toThrow(StoreUnavailableError);
    expect(silent.connectionsAccepted).toBe(2);
  });

  it('tries the address again once the silent server is gone and another one listens there', async () => {
    const silent = await start();
    store = new KurrentDbEventStore({ connectionString: urlOf(silent.port), timeoutMs: TIMEOUT_MS });
    await expect(append(store)).rejects.toThrow(StoreUnavailableError);
    await silent.stop();

    const fresh = await start({ port: silent.port });
    await expect(append(store)).rejects.toThrow(StoreUnavailableError);

    expect(fresh.connectionsAccepted).toBeGreaterThan(0);
  });
});
