import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

/** Accepts TCP connections and never answers: the case where the KurrentDB client hangs forever. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

describe('KurrentDB that accepts connections but never answers', () => {
  let api: TestApp;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
    api = await startTestApp({
      env: { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: `kurrentdb://127.0.0.1:${silent.port}?tls=false`, STORE_TIMEOUT_MS: '500' },
    });
  }, 20_000);
  afterAll(async () => {
    await api.close();
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent.server.close(resolve));
  }, 20_000);

  it('answers a command with 503 and Retry-After within a few seconds, never hanging', async () => {
    const started = performance.now();
    const response = await api.post('/v1/applications', exampleSubmission());
    expect(performance.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toMatchObject({ status: 503, detail: expect.stringMatching(/event store is unavailable/i) });
  });

  it('reports not ready on /health, within the timeout', async () => {
    const started = performance.now();
    const health = await api.get('/health', { as: null });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(health.status).toBe(503);
    expect(health.body.store).toMatchObject({ status: 'down', kind: 'kurrentdb' });
  });
});
