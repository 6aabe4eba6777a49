import type { Logger } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { enforceReadTimeout } from './request-timeout.hook';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { answeredByTimeout } from './timed-out-requests';

const TIMEOUT_MS = 40;
const SLOW_MS = 120;
const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A bare Fastify instance with the hook, and routes that answer late, at once, or wait on purpose. */
async function serverWithHook(): Promise<{ fastify: FastifyInstance; errors: string[]; lateAnswers: boolean[] }> {
  const errors: string[] = [];
  const lateAnswers: boolean[] = [];
  const fastify = Fastify();
  enforceReadTimeout(fastify, TIMEOUT_MS, { error: (message: string) => errors.push(message) } as unknown as Logger);
  const slow = async (request: { method: string }, reply: { sent: boolean; send: (body: unknown) => unknown }) => {
    await later(SLOW_MS);
    lateAnswers.push(reply.sent);
    if (!reply.sent) return reply.send({ method: request.method, answered: 'late' });
  };
  fastify.get('/slow', slow);
  fastify.post('/slow', slow);
  fastify.get('/poll', { config: { noRequestTimeout: true } as never }, slow);
  fastify.get('/fast', async () => ({ answered: 'at once' }));
  await fastify.ready();
  return { fastify, errors, lateAnswers };
}

describe('enforceReadTimeout: REQUEST_TIMEOUT_MS for reads without a Nest interceptor', () => {
  let server: Awaited<ReturnType<typeof serverWithHook>>;
  beforeEach(async () => (server = await serverWithHook()));
  afterEach(() => server.fastify.close());

  it('answers a read that has not answered in time 503 request-timeout, problem+json with Retry-After, and drops its late answer', async () => {
    const started = performance.now();
    const response = await server.fastify.inject({ method: 'GET', url: '/slow' });
    expect(performance.now() - started).toBeLessThan(SLOW_MS);
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      type: 'urn:impplus:problem:request-timeout',
      title: 'Service Unavailable',
      status: 503,
      code: 'REQUEST_TIMEOUT',
      detail: `The request did not finish within ${TIMEOUT_MS} ms. Retry the request.`,
    });
    expect(server.errors).toEqual([expect.stringMatching(/^GET \/slow failed \(request .+\): .*did not finish/)]);
    await later(SLOW_MS);
    expect(server.lateAnswers).toEqual([true]);
  });

  it('leaves a route marked @NoRequestTimeout() (route config noRequestTimeout) and a command (POST) to answer late', async () => {
    const poll = await server.fastify.inject({ method: 'GET', url: '/poll' });
    const command = await server.fastify.inject({ method: 'POST', url: '/slow' });
    expect([poll.statusCode, poll.json()]).toEqual([200, { method: 'GET', answered: 'late' }]);
    expect([command.statusCode, command.json()]).toEqual([200, { method: 'POST', answered: 'late' }]);
    expect(server.errors).toEqual([]);
  });

  it('disarms the timer once a read answers: no 503 and no logged failure afterwards', async () => {
    const response = await server.fastify.inject({ method: 'GET', url: '/fast' });
    expect([response.statusCode, response.json()]).toEqual([200, { answered: 'at once' }]);
    await later(TIMEOUT_MS * 2);
    expect(server.errors).toEqual([]);
  });

  it('times each read from its own arrival: a later read is not answered at an earlier one’s deadline', async () => {
    const started = performance.now();
    const first = server.fastify.inject({ method: 'GET', url: '/slow' }).then(() => performance.now() - started);
    await later(TIMEOUT_MS / 2);
    const second = server.fastify.inject({ method: 'GET', url: '/slow' }).then(() => performance.now() - started);
    const [firstMs, secondMs] = await Promise.all([first, second]);
    expect(firstMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
    expect(secondMs).toBeGreaterThanOrEqual(TIMEOUT_MS / 2 + TIMEOUT_MS - 1);
    expect(server.errors).toHaveLength(2);
  });

  it('arms no timer of its own for each read: reads in flight share one', async () => {
    const armed = jest.spyOn(global, 'setTimeout');
    try {
      await Promise.all(Array.from({ length: 20 }, () => server.fastify.inject({ method: 'GET', url: '/fast' })));
      expect(armed.mock.calls.filter(([, ms]) => ms === TIMEOUT_MS).length).toBeLessThanOrEqual(1);
    } finally {
      armed.mockRestore();
    }
  });

  it('marks only a request it answered, so that the problem filter does not answer its late failure again', async () => {
    let marked: boolean[] = [];
    const fastify = Fastify();
    enforceReadTimeout(fastify, TIMEOUT_MS, { error: () => undefined } as unknown as Logger);
    fastify.get('/slow', async (request, reply) => {
      await later(SLOW_MS);
      marked = [answeredByTimeout(request)];
      if (!reply.sent) return reply.send({});
    });
    fastify.get('/fast', async (request) => ({ marked: answeredByTimeout(request) }));
    await fastify.ready();
    expect((await fastify.inject({ method: 'GET', url: '/slow' })).statusCode).toBe(503);
    await later(SLOW_MS);
    expect(marked).toEqual([true]);
    expect((await fastify.inject({ method: 'GET', url: '/fast' })).json()).toEqual({ marked: false });
    await fastify.close();
  });

  it('has the problem filter leave a late failure of a timed-out read unanswered, as the interceptor dropped it', async () => {
    const fastify = Fastify();
    enforceReadTimeout(fastify, TIMEOUT_MS, { error: () => undefined } as unknown as Logger);
    const filter = new ProblemDetailsFilter();
    const answers: number[] = [];
    const failLate = (url: string, ms: number) =>
      fastify.get(url, async (request, reply) => {
        await later(ms);
        const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) };
        const send = reply.send.bind(reply);
        reply.send = (payload) => (answers.push(reply.statusCode), send(payload));
        filter.catch(new Error('the store failed'), host as never);
        return reply;
      });
    failLate('/late', SLOW_MS);
    failLate('/soon', 0);
    await fastify.ready();
    expect((await fastify.inject({ method: 'GET', url: '/late' })).statusCode).toBe(503);
    await later(SLOW_MS);
    expect(answers).toEqual([]);
    expect((await fastify.inject({ method: 'GET', url: '/soon' })).statusCode).toBe(500);
    expect(answers).toEqual([500]);
    await fastify.close();
  });
});
