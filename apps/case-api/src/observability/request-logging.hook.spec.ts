import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { storage } from 'nestjs-pino/storage';
import { requestLogOptions } from './logging';
import { installRequestLogging } from './request-logging.hook';

/** The lines a pino destination receives, parsed. */
function capturedLines(): { destination: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { destination, lines };
}

describe('installRequestLogging: the request log line and the request’s logger from one onRequest hook', () => {
  it('logs the request once it is answered, and lends its logger to what runs for it, awaits included', async () => {
    const { destination, lines } = capturedLines();
    const fastify = Fastify({ genReqId: () => 'request-1' });
    fastify.addHook('onRequest', (request, _reply, done) => {
      (request.raw as { requestId?: string }).requestId = String(request.id);
      done();
    });
    installRequestLogging(fastify, requestLogOptions('info'), destination);
    fastify.get('/read', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      storage.getStore()?.logger.warn('written while answering');
      return { read: true };
    });
    await fastify.ready();

    const reply = await fastify.inject({ method: 'GET', url: '/read?at=1' });
    expect(reply.statusCode).toBe(200);
    expect(storage.getStore()).toBeUndefined();
    const request = { id: 'request-1', method: 'GET', url: '/read?at=1' };
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, req: request, msg: 'written while answering' }),
      expect.objectContaining({ level: 30, req: request, res: { statusCode: 200 }, msg: 'GET /read?at=1 200' }),
    ]);
    await fastify.close();
  });
});
