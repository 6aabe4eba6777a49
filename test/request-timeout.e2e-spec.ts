import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@app/event-store';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';

const REQUEST_TIMEOUT_MS = 1000;
/** Longer than the request timeout, so the request is answered before the store call returns. */
const STALL_MS = 2500;

type Stalled = 'appendToStream' | 'readStream';
/** A stream is read through either method; stalling a read stalls the next of them. */
const METHODS_OF: Record<Stalled, readonly PropertyKey[]> = {
  appendToStream: ['appendToStream'],
  readStream: ['readStream', 'readStreamOrEmpty'],
};

/** The SQLite store, except that the next call of one method waits `STALL_MS` before it runs. */
function stallingStore(store: EventStore) {
  let next: Stalled | null = null;
  let stalled: Promise<unknown> = Promise.resolve();
  const proxy = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (next === null || !METHODS_OF[next].includes(property)) return value.bind(target);
      return (...args: unknown[]) => {
        next = null;
        stalled = new Promise((resolve) => setTimeout(resolve, STALL_MS)).then(() => value.apply(target, args));
        return stalled;
      };
    },
  });
  return {
    store: proxy,
    stallNext: (method: Stalled) => (next = method),
    /** Settles once the stalled call has run (or failed) in the store. */
    stalledCallDone: () => stalled.catch(() => undefined),
  };
}

describe('requests that take longer than REQUEST_TIMEOUT_MS', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'impplus-timeout-'));
  const stalling = stallingStore(createEventStore({ kind: 'sqlite', dataDir }));
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({
      dataDir,
      eventStore: stalling.store,
      env: {
        REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        STORE_TIMEOUT_MS: '500',
        READ_YOUR_WRITES_TIMEOUT_MS: '400',
      },
    });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answer a command 503 request-timeout with Retry-After; the command completes atomically, and a retry with its key gets it once', async () => {
    const applicationId = randomUUID();
    const stream = `application-${applicationId}`;
    const submit = () =>
      api.post('/v1/applications', exampleSubmission({ applicationId }), {
        headers: { 'idempotency-key': `slow-${applicationId}` },
      });
    const head = await api.store.headPosition();

    stalling.stallNext('appendToStream');
    const started = performance.now();
    const timedOut = await submit();
    const elapsed = performance.now() - started;

    expect(timedOut.status).toBe(503);
    expect(timedOut.headers['content-type']).toContain('application/problem+json');
    expect(timedOut.headers['retry-after']).toBe('1');
    expect(timedOut.body).toMatchObject({
      type: 'urn:impplus:problem:request-timeout',
      status: 503,
      code: 'REQUEST_TIMEOUT',
      detail: expect.stringMatching(/did not finish within 1000 ms.*retry with the same Idempotency-Key/),
    });
    expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(STALL_MS);
    expect(await api.store.headPosition()).toBe(head);

    await stalling.stalledCallDone();
    const received = (await api.store.readStream(stream)).filter((event) => event.type === 'ApplicationReceived');
    expect(received).toHaveLength(1);

    const retried = await submit();
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(applicationId);
    expect((await api.store.readStream(stream)).filter((event) => event.type === 'ApplicationReceived')).toEqual(
      received,
    );
  }, 20_000);

  it('answer a query 503 request-timeout telling the client to retry it, and keep serving other requests meanwhile', async () => {
    const { id } = (await api.post('/v1/applications', exampleSubmission())).body;
    stalling.stallNext('readStream');
    const history = api.get(`/v1/applications/${id}/history`, { as: 'auditor' });
    expect((await api.get(`/v1/applications/${id}`)).status).toBe(200);

    const timedOut = await history;
    expect(timedOut.status).toBe(503);
    expect(timedOut.body).toMatchObject({
      code: 'REQUEST_TIMEOUT',
      detail: expect.stringMatching(/did not finish within 1000 ms\. Retry the request\.$/),
    });
    await stalling.stalledCallDone();
    expect((await api.get(`/v1/applications/${id}/history`, { as: 'auditor' })).status).toBe(200);
  }, 20_000);
});
