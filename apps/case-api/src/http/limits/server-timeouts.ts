import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { LimitSettings } from '../../config/limits-config';
import { answerClientError } from './client-errors';

/** How often Node checks the headers and receive timeouts (its default, 30 s, would let a slow client stay that much longer). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The server's connection limits against slow clients (slowloris): headers within
 * HTTP_HEADERS_TIMEOUT_MS, the whole request within HTTP_RECEIVE_TIMEOUT_MS, idle keep-alive
 * connections closed after HTTP_KEEP_ALIVE_TIMEOUT_MS. A socket silent for longer than a whole
 * request plus its processing is closed. Fastify's own 503 while closing is turned off: the
 * drain answers in the problem format instead (`draining.ts`).
 */
export function serverTimeouts(limits: LimitSettings): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: limits.httpReceiveTimeoutMs + limits.requestTimeoutMs,
    requestTimeout: limits.httpReceiveTimeoutMs,
    keepAliveTimeout: limits.httpKeepAliveTimeoutMs,
    http: { headersTimeout: limits.httpHeadersTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
  };
}
