import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Logger } from 'pino';
import { pinoHttp, type Options, type ReqId } from 'pino-http';

type LoggedRequest = IncomingMessage & { id?: ReqId };

/** When the answer started (`Date.now()`, as pino-http times it); -1 once its line is written. */
const STARTED = Symbol('requestLogStarted');
type TimedResponse = ServerResponse & { [STARTED]?: number; req: LoggedRequest };

/**
 * The request log line, as pino-http's middleware writes it (the same logger, serializers, fields
 * and messages: `req` bound, then `res` and `responseTime`; `err` and "request errored" for a 5xx),
 * from Fastify hooks: written when the answer finishes (`onResponse`), or when the connection
 * closes first (an abandoned long poll). Nothing is built for a request unless the line is
 * written: pino-http made a child logger (serialising `req`) and three listeners for every
 * request, and lent it to Nest's `Logger` through an async-local store, which turns on V8's
 * promise hooks for every promise of the process (~8 KB and ~10 µs an as-of GET, 2026-12-06).
 * Lines logged while answering carry no `req` binding; those that concern a request (a 5xx, a
 * read timeout) name its id in their message. Installed before every other hook, so that an
 * answer from a hook (414, 405, 503 while draining) is logged too.
 */
export function installRequestLogging(
  fastify: FastifyInstance,
  options: Options,
  destination?: DestinationStream,
): void {
  // pino-http's own logger: its option handling (wrapped serializers) stays the one source of the line's shape.
  const logger = (destination ? pinoHttp(options, destination) : pinoHttp(options)).logger;
  const writeLine = (response: TimedResponse): void => {
    const started = response[STARTED];
    if (started === undefined || started < 0) return;
    response[STARTED] = -1;
    if (!logger.isLevelEnabled('info')) return;
    lineFor(logger, options, response, Date.now() - started);
  };
  function abandoned(this: TimedResponse): void {
    writeLine(this);
  }
  fastify.addHook('onRequest', (_request, reply, done) => {
    const response = reply.raw as TimedResponse;
    response[STARTED] = Date.now();
    response.on('close', abandoned);
    done();
  });
  fastify.addHook('onResponse', (_request, reply, done) => {
    writeLine(reply.raw);
    done();
  });
}

function lineFor(logger: Logger, options: Options, response: TimedResponse, responseTime: number): void {
  const request = response.req;
  request.id = request.id || options.genReqId?.(request, response) || '';
  const log = logger.child({ req: request });
  if (response.statusCode >= 500) {
    const error = new Error(`failed with status code ${response.statusCode}`);
    log.info({ res: response, err: error, responseTime }, 'request errored');
    return;
  }
  const message =
    options.customSuccessMessage?.(request, response, responseTime) ??
    (!request.readableAborted && response.writableEnded ? 'request completed' : 'request aborted');
  log.info({ res: response, responseTime }, message);
}
