import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { destination as standardOutput, type DestinationStream, type Logger } from 'pino';
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
 * A line below 500 is built as one string, as pino would build it from these options (the spec
 * holds the two equal): through pino's child logger and serializers it cost ~10 µs a request, a
 * quarter of an as-of GET's time at `info`.
 * Lines logged while answering carry no `req` binding; those that concern a request (a 5xx, a
 * read timeout) name its id in their message. Installed before every other hook, so that an
 * answer from a hook (414, 405, 503 while draining) is logged too.
 */
export function installRequestLogging(
  fastify: FastifyInstance,
  options: Options,
  destination?: DestinationStream,
): void {
  // pino-http's own logger: its option handling (wrapped serializers) stays the one source of the
  // line's shape, and writes the lines of failed requests; the others are built as it would build them.
  const stream = destination ?? standardOutput(1);
  const logger = pinoHttp(options, stream).logger;
  // pino's line at `info`: level, time, then its base bindings (pid, hostname), then the `req` binding.
  const lineStart = `{"level":30,"time":`;
  const afterTime = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"req":{"id":`;
  const writeLine = (response: TimedResponse): void => {
    const started = response[STARTED];
    if (started === undefined || started < 0) return;
    response[STARTED] = -1;
    if (!logger.isLevelEnabled('info')) return;
    const now = Date.now();
    const request = response.req;
    request.id = request.id || options.genReqId?.(request, response) || '';
    if (response.statusCode >= 500) return failedLine(logger, request, response, now - started);
    const message = successMessage(options, request, response, now - started);
    stream.write(
      `${lineStart}${now}${afterTime}${JSON.stringify(request.id)},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(request.url)}},"res":{"statusCode":${response.headersSent ? response.statusCode : null}},"responseTime":${now - started},"msg":${JSON.stringify(message)}}\n`,
    );
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

/** A 5xx: pino-http's line with the error, through its logger (rare, so its cost does not matter). */
function failedLine(logger: Logger, request: LoggedRequest, response: TimedResponse, responseTime: number): void {
  const error = new Error(`failed with status code ${response.statusCode}`);
  logger.child({ req: request }).info({ res: response, err: error, responseTime }, 'request errored');
}

function successMessage(options: Options, request: LoggedRequest, response: TimedResponse, responseTime: number) {
  return (
    options.customSuccessMessage?.(request, response, responseTime) ??
    (!request.readableAborted && response.writableEnded ? 'request completed' : 'request aborted')
  );
}
