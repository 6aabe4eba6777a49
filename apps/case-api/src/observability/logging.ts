import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Params } from 'nestjs-pino';
import { redactLogEntry } from '@app/personal-data';

type TaggedRequest = IncomingMessage & { requestId?: string };

/** Fastify's request id, put on the raw request so the log line and the events share it. */
export function tagRequestId(raw: IncomingMessage, id: string): string {
  (raw as TaggedRequest).requestId = id;
  return id;
}

/**
 * Structured JSON logs (pino). A request line carries the request id (the same id that becomes
 * the correlation id of the events it causes), method, route URL and status — never headers
 * (API keys), never bodies (applicants' personal data). Any object a log line carries goes through
 * the shared personal-data redaction too (docs/privacy.md), so a field logged by mistake leaves as
 * `[redacted]`.
 */
export function loggingParams(level: string, destination?: DestinationStream): Params {
  const options = requestLogOptions(level);
  // Requests are logged by `installRequestLogging` (a Fastify hook), not by nestjs-pino's middleware.
  return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
}

/** The request log's options: nestjs-pino's logger outside requests and the request hook share them. */
export function requestLogOptions(level: string) {
  return {
    level,
    genReqId: (request: IncomingMessage) => (request as TaggedRequest).requestId ?? '',
    serializers: {
      req: (request: IncomingMessage & { id?: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
    formatters: { log: redactLogEntry },
    customSuccessMessage: (request: IncomingMessage, response: ServerResponse) =>
      `${request.method} ${request.url} ${response.statusCode}`,
  };
}
