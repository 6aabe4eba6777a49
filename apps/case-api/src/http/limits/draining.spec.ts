import Fastify, { type FastifyInstance } from 'fastify';
import { Draining, turnAwayWhileDraining } from './draining';

/** A bare Fastify instance with the draining hooks; `/begin` starts draining while it is being answered. */
async function serverWithHooks(): Promise<{ fastify: FastifyInstance; draining: Draining; handled: string[] }> {
  const draining = new Draining();
  const handled: string[] = [];
  const fastify = Fastify();
  turnAwayWhileDraining(fastify, draining);
  fastify.get('/plain', async () => {
    handled.push('plain');
    return { answered: true };
  });
  fastify.get('/begin', async () => {
    handled.push('begin');
    draining.begin();
    return { answered: true };
  });
  await fastify.ready();
  return { fastify, draining, handled };
}

describe('turnAwayWhileDraining: a graceful shutdown answers what it received and turns new requests away', () => {
  it('passes requests through unchanged while the service is not draining', async () => {
    const { fastify, handled } = await serverWithHooks();
    const reply = await fastify.inject({ method: 'GET', url: '/plain' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ answered: true });
    expect(reply.headers.connection).not.toBe('close');
    expect(handled).toEqual(['plain']);
    await fastify.close();
  });

  it('sends a request received before draining began its normal answer, with Connection: close', async () => {
    const { fastify } = await serverWithHooks();
    const reply = await fastify.inject({ method: 'GET', url: '/begin' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ answered: true });
    expect(reply.headers.connection).toBe('close');
    await fastify.close();
  });

  it('answers a request that arrives while draining 503 shutting-down, without running its route', async () => {
    const { fastify, draining, handled } = await serverWithHooks();
    draining.begin();
    const reply = await fastify.inject({ method: 'GET', url: '/plain' });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.headers.connection).toBe('close');
    expect(reply.json()).toMatchObject({ status: 503, code: 'SHUTTING_DOWN' });
    expect(handled).toEqual([]);
    await fastify.close();
  });
});
