import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import {
  DEFAULT_AUDIT_PAGE_LIMIT,
  DEFAULT_PAGE_LIMIT,
  MAX_AUDIT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
} from '../apps/case-api/src/http/dto/dto-limits';
import { exampleSubmission, startTestApp, type TestApp } from './support/test-app';
import { documentedFetch } from './support/contract/contract-guard';

const PROBLEM = 'application/problem+json';
const HEADERS_TIMEOUT_MS = 1000;
const RECEIVE_TIMEOUT_MS = 2000;
/** Node checks those timeouts once a second (`server-timeouts.ts`); the rest is margin for a loaded machine. */
const CHECK_SLACK_MS = 2500;

type RawAnswer = Readonly<{ text: string; elapsedMs: number }>;

/** Opens a raw connection, writes `sent` and nothing more, and resolves with what the server wrote once it closes. */
function sendAndStall(port: number, sent: string): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(sent));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve({ text, elapsedMs: performance.now() - started }));
  });
}

const bodyOf = (answer: RawAnswer) => JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4));

describe('resource limits', () => {
  let api: TestApp;
  let port: number;
  beforeAll(async () => {
    api = await startTestApp({
      env: {
        BODY_LIMIT_BYTES: '2048',
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_RECEIVE_TIMEOUT_MS: String(RECEIVE_TIMEOUT_MS),
      },
    });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('body size (BODY_LIMIT_BYTES)', () => {
    it('answers a body over the limit 413 problem+json and appends nothing', async () => {
      const head = await api.store.headPosition();
      const response = await api.post('/v1/applications', exampleSubmission({ dutiesDescription: 'x'.repeat(3000) }));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body).toMatchObject({
        type: 'urn:impplus:problem:http-413',
        title: 'Content Too Large',
        status: 413,
      });
      expect(await api.store.headPosition()).toBe(head);
    });

    it('accepts a body under the limit', async () => {
      expect((await api.post('/v1/applications', exampleSubmission())).status).toBe(201);
    });
  });

  describe('page sizes', () => {
    beforeAll(async () => {
      for (let index = 0; index < DEFAULT_PAGE_LIMIT + 1; index++)
        await api.post('/v1/applications', exampleSubmission());
    }, 30_000);

    it.each([
      [`/v1/applications?limit=${MAX_PAGE_LIMIT + 1}`],
      ['/v1/applications?limit=0'],
      [`/v1/audit/events?limit=${MAX_AUDIT_PAGE_LIMIT + 1}`],
      ['/v1/audit/events?limit=-1'],
    ])('refuses %s with a 400 naming limit', async (url) => {
      const response = await api.get(url, { as: 'auditor' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    });

    it(`serves ${DEFAULT_PAGE_LIMIT} applications by default with a cursor to the rest, and all of them in one page of up to ${MAX_PAGE_LIMIT}`, async () => {
      const first = await api.get('/v1/applications', { as: 'officer' });
      expect(first.body.items).toHaveLength(DEFAULT_PAGE_LIMIT);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const largest = await api.get(`/v1/applications?limit=${MAX_PAGE_LIMIT}`, { as: 'officer' });
      expect(largest.status).toBe(200);
      expect(largest.body.items.length).toBeGreaterThan(DEFAULT_PAGE_LIMIT);
      expect(largest.body.nextCursor).toBeNull();
    });

    it(`serves ${DEFAULT_AUDIT_PAGE_LIMIT} events of the global log by default, with the position to read on from`, async () => {
      expect(await api.store.headPosition()).toBeGreaterThan(DEFAULT_AUDIT_PAGE_LIMIT);
      const page = await api.get('/v1/audit/events', { as: 'auditor' });
      expect(page.body.events).toHaveLength(DEFAULT_AUDIT_PAGE_LIMIT);
      expect(page.body.nextAfter).toBe(DEFAULT_AUDIT_PAGE_LIMIT);
    });
  });

  describe('slow clients (slowloris)', () => {
    it('answers a client that never finishes its headers 408 problem+json and closes the connection', async () => {
      const answer = await sendAndStall(port, 'GET /v1/intake/2024 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(answer.text).toContain(`Content-Type: ${PROBLEM}`);
      expect(bodyOf(answer)).toMatchObject({ type: 'urn:impplus:problem:client-timeout', status: 408 });
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(answer.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS);
    }, 15_000);

    it('answers a client that never finishes its body 408 and appends nothing, while serving others', async () => {
      const head = await api.store.headPosition();
      const stalled = sendAndStall(
        port,
        'POST /v1/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-intake-key-0000000001\r\n' +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"applicantType":',
      );
      const live = await documentedFetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(5000) });
      expect(live.status).toBe(200);

      const answer = await stalled;
      expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(RECEIVE_TIMEOUT_MS - 50);
      expect(answer.elapsedMs).toBeLessThan(RECEIVE_TIMEOUT_MS + CHECK_SLACK_MS);
      expect(await api.store.headPosition()).toBe(head);
    }, 15_000);

    it('answers a request that is not HTTP 400 problem+json', async () => {
      const answer = await sendAndStall(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(answer.text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(bodyOf(answer)).toMatchObject({ type: 'urn:impplus:problem:malformed-request', status: 400 });
    });
  });
});
