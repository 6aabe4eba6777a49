import { kurrentdb, kurrentdbProtocol } from '../kurrentdb-client';
import { KurrentDbEventStore } from '../kurrentdb-event-store';
import { FakeKurrentDbServer } from './fake-kurrentdb-server.contract';

/** The fake server of a test and the adapter (the real client) connected to it. */
export interface FakeKurrentDb {
  readonly server: FakeKurrentDbServer;
  readonly store: KurrentDbEventStore;
}

/**
 * A fresh FakeKurrentDbServer and a KurrentDbEventStore on it (`timeoutMs` per call, streams under
 * `contract-`) for each test, both closed after it; call inside a describe. The adapter makes no call
 * before the test's first one, so a test (or a later beforeEach) may still set how the server answers.
 * The client's modules are loaded before the first test: the adapter loads them on its first call,
 * whose deadline then included loading gRPC and the protocol's generated code, which took longer
 * than a test's second on a cold CI machine running other suites (a read timed out instead of
 * being refused).
 */
export function useFakeKurrentDb(timeoutMs: number): FakeKurrentDb {
  let current: FakeKurrentDb | undefined;
  beforeAll(() => {
    kurrentdb();
    kurrentdbProtocol();
  });
  beforeEach(async () => {
    const server = await FakeKurrentDbServer.start();
    const store = new KurrentDbEventStore({
      connectionString: server.connectionString,
      timeoutMs,
      streamPrefixes: ['contract-'],
    });
    current = { server, store };
  });
  afterEach(async () => {
    if (!current) return;
    const { server, store } = current;
    current = undefined;
    await store.close();
    server.stop();
  });
  const started = (): FakeKurrentDb => {
    if (!current) throw new Error('useFakeKurrentDb: no server outside a test');
    return current;
  };
  return {
    get server() {
      return started().server;
    },
    get store() {
      return started().store;
    },
  };
}
