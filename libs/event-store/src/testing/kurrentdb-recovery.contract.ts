import { StoreUnavailableError } from '../event-store.errors';
import { KurrentDbEventStore } from '../kurrentdb-event-store';
import { CONTRACT_STREAM_PREFIXES, idsOf, newEvent, newStream } from './event-store-fixtures.contract';
import { FaultyTcpServer } from './faulty-tcp-server.contract';
import { isSingleNode, parseKurrentDbUrl, pointedAt } from './kurrentdb-url.contract';

const TIMEOUT_MS = 1000;
const MARGIN_MS = 1500;
const RECOVERY_LIMIT_MS = 15_000;

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
 * succeeds, and the event is stored exactly once. A proxy can stand in for one node only: the nodes
 * of a cluster tell the client their own addresses, past any proxy. So with a cluster URL this says
 * that it was skipped, and the store contract (run on the cluster itself) is all that runs.
 */
export function describeKurrentDbRecovery(connectionString: string): void {
  const url = parseKurrentDbUrl(connectionString);
  if (!isSingleNode(url)) {
    describe('kurrentdb event store through a connection that is cut and restored', () => {
      it(`skipped: KURRENTDB_URL names a cluster (${url.hosts.length} seed(s), ${url.scheme}); a TCP proxy can only stand in for a single node`, () => {
        console.log(
          'KurrentDB cut-and-restore recovery skipped: KURRENTDB_URL names a cluster; set it to one node to run it',
        );
        expect(isSingleNode(url)).toBe(false);
      });
    });
    return;
  }
  const [target] = url.hosts;
  describe('kurrentdb event store through a connection that is cut and restored', () => {
    let proxy: FaultyTcpServer;
    let store: KurrentDbEventStore;
    beforeEach(async () => {
      proxy = await FaultyTcpServer.start({ target });
      store = new KurrentDbEventStore({
        connectionString: pointedAt(url, { host: '127.0.0.1', port: proxy.port }),
        timeoutMs: TIMEOUT_MS,
        streamPrefixes: CONTRACT_STREAM_PREFIXES,
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
