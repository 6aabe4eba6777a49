import { StoreUnavailableError } from '../event-store.errors';
import { KurrentDbEventStore } from '../kurrentdb-event-store';
import { idsOf, newEvent, newStream } from './event-store-fixtures.contract';
import { FaultyTcpServer, type TcpTarget } from './faulty-tcp-server.contract';

const TIMEOUT_MS = 1000;
const MARGIN_MS = 1500;
const RECOVERY_LIMIT_MS = 15_000;

/** Host and port of a single-node connection string such as `kurrentdb://localhost:2113?tls=false`. */
function targetOf(connectionString: string): Readonly<{ target: TcpTarget; query: string }> {
  const url = new URL(connectionString);
  if (!url.hostname || !url.port) {
    throw new Error(
      `KURRENTDB_URL must name one node with its port to be proxied, e.g. kurrentdb://localhost:2113?tls=false: ${connectionString}`,
    );
  }
  return { target: { host: url.hostname, port: Number(url.port) }, query: url.search };
}

/** Calls `attempt` until it stops failing with StoreUnavailableError; gives up after `limitMs`. */
async function retryWhileUnavailable<T>(attempt: () => Promise<T>, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Against a real KurrentDB (KURRENTDB_URL), through a TCP proxy the test cuts and restores: while
 * cut the store answers StoreUnavailableError within its timeout; once restored the same append
 * succeeds, and the event is stored exactly once.
 */
export function describeKurrentDbRecovery(connectionString: string): void {
  describe('kurrentdb event store through a connection that is cut and restored', () => {
    let proxy: FaultyTcpServer;
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      const { target, query } = targetOf(connectionString);
      proxy = await FaultyTcpServer.start({ target });
      store = new KurrentDbEventStore({
        connectionString: `kurrentdb://127.0.0.1:${proxy.port}${query}`,
        timeoutMs: TIMEOUT_MS,
      });
    });
    afterEach(async () => {
      await store.close();
      await proxy.stop();
    });

    it('fails within the timeout while cut, then stores the retried append exactly once', async () => {
      const stream = newStream();
      const [first, second] = [newEvent(), newEvent()];
      await store.appendToStream(stream, [first], { expectedRevision: 'no-stream' });

      proxy.cut();
      const started = Date.now();
      await expect(store.appendToStream(stream, [second], { expectedRevision: 0 })).rejects.toThrow(
        StoreUnavailableError,
      );
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);

      proxy.restore();
      await retryWhileUnavailable(
        () => store.appendToStream(stream, [second], { expectedRevision: 0 }),
        RECOVERY_LIMIT_MS,
      );

      expect(idsOf(await store.readStream(stream))).toEqual([first.eventId, second.eventId]);
    }, 30_000);
  });
}
