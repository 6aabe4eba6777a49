import type { AddressInfo } from 'node:net';
import { ManualClock } from '@app/application';
import { openSse, type SseConnection, type SseEvent } from './support/sse-client';
import { KEYS, exampleSubmission, startTestApp, type KeyRole, type TestApp } from './support/test-app';

const WAIT_MS = 5_000;
const PASSPORT = '19AB12345';

describe('GET /v1/feed/stream: the change feed as Server-Sent Events over a real socket', () => {
  const clock = new ManualClock('2024-12-10T15:30:00Z');
  let api: TestApp;
  let base: string;
  const open: SseConnection[] = [];

  const submit = async () => {
    const submitted = await api.post('/v1/applications', exampleSubmission());
    expect(submitted.status).toBe(201);
    return submitted.body.id as string;
  };
  const connect = async (as: KeyRole, headers: Record<string, string> = {}, query = '') => {
    const connection = await openSse(`${base}/v1/feed/stream${query}`, {
      authorization: `Bearer ${KEYS[as]}`,
      ...headers,
    });
    open.push(connection);
    return connection;
  };
  const positions = (events: readonly SseEvent[]) => events.map((event) => Number(event.id));

  beforeAll(async () => {
    api = await startTestApp({ clock });
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    await submit();
    await submit();
  });
  afterAll(async () => {
    for (const connection of open) connection.close();
    await api.close();
  });

  it('streams every stored event, then follows new ones; a reconnect with Last-Event-ID loses and repeats nothing', async () => {
    const total = (await api.get('/v1/feed?limit=1000', { as: 'officer' })).body.events.length as number;
    const first = await connect('officer');
    expect(first.response.statusCode).toBe(200);
    expect(first.response.headers['content-type']).toContain('text/event-stream');
    const stored = await first.waitForEvents(total, WAIT_MS);
    const item = JSON.parse(stored[0].data);
    expect(item).toMatchObject({ position: Number(stored[0].id), type: stored[0].event, revision: 0 });
    expect(stored[0].event).toBe('ApplicationReceived');
    expect(JSON.stringify(stored)).not.toContain(PASSPORT);

    const third = await submit();
    const live = await first.waitForEvents(total + 1, WAIT_MS);
    expect(JSON.parse(live.at(-1)!.data)).toMatchObject({ applicationId: third, type: 'ApplicationReceived' });

    const cursor = live[1].id;
    first.close();
    await submit();
    const resumed = await connect('officer', { 'last-event-id': cursor });
    const all = (await api.get('/v1/feed?limit=1000', { as: 'officer' })).body.events as { position: number }[];
    const after = all.filter((event) => event.position > Number(cursor)).map((event) => event.position);
    const received = await resumed.waitForEvents(after.length, WAIT_MS);
    expect(positions(received)).toEqual(after);
    expect(Math.min(...positions(received))).toBeGreaterThan(Number(cursor));
    resumed.close();

    const fromQuery = await connect('auditor', {}, `?after=${cursor}&personalData=include`);
    const revealed = await fromQuery.waitForEvents(after.length, WAIT_MS);
    expect(positions(revealed)).toEqual(after);
    expect(JSON.stringify(revealed)).toContain(PASSPORT);
    fromQuery.close();
  });

  it('sends one gzip stream to a client that accepts it, inflated as it comes: the same events, live ones too', async () => {
    const plain = await connect('officer');
    const gzipped = await connect('officer', { 'accept-encoding': 'gzip, deflate' });
    expect(gzipped.response.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(plain.response.headers['content-encoding']).toBeUndefined();
    const total = (await api.get('/v1/feed?limit=1000', { as: 'officer' })).body.events.length as number;
    await submit();
    const [sent, inflated] = await Promise.all(
      [plain, gzipped].map((stream) => stream.waitForEvents(total + 1, WAIT_MS)),
    );
    expect(inflated).toEqual(sent);
    plain.close();
    gzipped.close();
  });

  it('answers 401 without a key, 403 to admin, 400 on a Last-Event-ID or after that is no position', async () => {
    const answer = async (headers: Record<string, string>, query = '') => {
      const connection = await openSse(`${base}/v1/feed/stream${query}`, headers);
      open.push(connection);
      await connection.waitForEnd(WAIT_MS);
      return connection.response;
    };
    expect((await answer({})).statusCode).toBe(401);
    expect((await answer({ authorization: `Bearer ${KEYS.admin}` })).statusCode).toBe(403);
    for (const [headers, query] of [
      [{ 'last-event-id': 'abc' }, ''],
      [{ 'last-event-id': '-1' }, ''],
      [{}, '?after=x'],
    ] as const) {
      const response = await answer({ authorization: `Bearer ${KEYS.intake}`, ...headers }, query);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('the feed on shutdown: an open stream and a long poll end at once, the app closes', () => {
  it('closes within seconds with a stream open and a 30 s long poll waiting', async () => {
    const api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const stream = await openSse(`http://127.0.0.1:${port}/v1/feed/stream`, { authorization: `Bearer ${KEYS.intake}` });
    const polling = api.get('/v1/feed?waitSeconds=30', { as: 'intake' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        api.close(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the app did not close within 5 s')), 5_000);
        }),
      ]);
      expect(Date.now() - started).toBeLessThan(5_000);
      await stream.waitForEnd(WAIT_MS);
      expect((await polling).body).toEqual({ events: [], nextAfter: 0 });
    } finally {
      clearTimeout(timer);
      stream.close();
    }
  });
});
