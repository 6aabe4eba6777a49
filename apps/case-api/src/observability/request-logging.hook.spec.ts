import { Writable } from 'node:stream';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { pinoHttp } from 'pino-http';
import { storage } from 'nestjs-pino/storage';
import { requestLogOptions } from './logging';
import { installRequestLogging } from './request-logging.hook';

type Line = Record<string, unknown>;

/** The lines a pino destination receives, parsed. */
function capturedLines(): { destination: Writable; lines: Line[] } {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { destination, lines };
}

type Install = (fastify: FastifyInstance, destination: Writable) => void;

/** pino-http's middleware from an onRequest hook, as the service logged requests before this hook. */
const pinoHttpMiddleware: Install = (fastify, destination) => {
  const logRequest = pinoHttp(requestLogOptions('info'), destination);
  fastify.addHook('onRequest', (request, reply, done) => {
    logRequest(request.raw, reply.raw);
    done();
  });
};
const requestLoggingHook: Install = (fastify, destination) =>
  installRequestLogging(fastify, requestLogOptions('info'), destination);

/** An app answering 200, 500, 404, 414 from a hook, and a request that waits until its client goes. */
async function served(install: Install): Promise<{ fastify: FastifyInstance; lines: Line[]; port: number }> {
  const { destination, lines } = capturedLines();
  let next = 0;
  const fastify = Fastify({ genReqId: () => `request-${++next}` });
  fastify.addHook('onRequest', (request, _reply, done) => {
    (request.raw as { requestId?: string }).requestId = String(request.id);
    done();
  });
  install(fastify, destination);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/long')) return void reply.status(414).send({ refused: true });
    done();
  });
  fastify.get('/read', async () => ({ read: true }));
  fastify.get('/fail', async () => {
    throw new Error('broken');
  });
  fastify.get('/wait', (request) => new Promise((resolve) => request.raw.once('close', () => resolve({ late: true }))));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return { fastify, lines, port: (fastify.server.address() as AddressInfo).port };
}

const abandon = (port: number, path: string): Promise<void> =>
  new Promise((resolve) => {
    const sent = httpRequest({ port, host: '127.0.0.1', path });
    sent.on('error', () => resolve());
    sent.end(() => setTimeout(() => sent.destroy(), 50));
  });

const waitFor = async (check: () => boolean): Promise<void> => {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

/** A line without what differs from run to run: the time, the response time and the error's stack. */
const comparable = ({ time, responseTime, pid, hostname, ...line }: Line): Line => {
  expect([typeof time, typeof responseTime, typeof pid, typeof hostname]).toEqual([
    'number',
    'number',
    'number',
    'string',
  ]);
  const err = line.err as Line | undefined;
  return err ? { ...line, err: { ...err, stack: typeof err.stack } } : line;
};

async function linesOf(install: Install): Promise<Line[]> {
  const { fastify, lines, port } = await served(install);
  try {
    for (const url of ['/read?at=1', '/fail', '/missing', '/long?x=1'])
      await fastify.inject({ method: 'GET', url, remoteAddress: '127.0.0.1' });
    await abandon(port, '/wait?poll=1');
    await waitFor(() => lines.length === 5);
    return lines.map(comparable);
  } finally {
    await fastify.close();
  }
}

describe('installRequestLogging: the request log line from Fastify hooks', () => {
  it('writes the lines pino-http’s middleware wrote: success, 5xx, 404, a hook’s answer, an abandoned request', async () => {
    const expected = await linesOf(pinoHttpMiddleware);
    expect(expected).toHaveLength(5);
    expect(expected[0]).toEqual({
      level: 30,
      req: { id: 'request-1', method: 'GET', url: '/read?at=1' },
      res: { statusCode: 200 },
      msg: 'GET /read?at=1 200',
    });
    expect(await linesOf(requestLoggingHook)).toEqual(expected);
  });

  it('writes a line once the answer has finished, not a tick later', async () => {
    const { destination, lines } = capturedLines();
    const fastify = Fastify();
    installRequestLogging(fastify, requestLogOptions('info'), destination);
    fastify.get('/read', async () => ({ read: true }));
    await fastify.inject({ method: 'GET', url: '/read' });
    expect(lines).toEqual([expect.objectContaining({ res: { statusCode: 200 }, msg: 'GET /read 200' })]);
    await fastify.close();
  });

  it('writes nothing below its level, and lends no logger through nestjs-pino’s async-local store', async () => {
    const { destination, lines } = capturedLines();
    const fastify = Fastify();
    installRequestLogging(fastify, requestLogOptions('warn'), destination);
    let store: unknown = 'not read';
    fastify.get('/read', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      store = storage.getStore();
      return { read: true };
    });
    expect((await fastify.inject({ method: 'GET', url: '/read' })).statusCode).toBe(200);
    expect(lines).toEqual([]);
    expect(store).toBeUndefined();
    await fastify.close();
  });
});
