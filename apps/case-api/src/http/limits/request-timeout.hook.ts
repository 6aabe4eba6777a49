import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from '../problem/problem-details.filter';
import { requestTimeoutProblem } from './limit-problems';
import { NO_REQUEST_TIMEOUT_ROUTE_CONFIG } from './no-request-timeout.decorator';
import { markTimedOut } from './timed-out-requests';

const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

/**
 * REQUEST_TIMEOUT_MS for every request but a command (POST, timed by `CommandInterceptor` around its
 * idempotency record) and a route marked `@NoRequestTimeout()`: the same 503 `request-timeout` the
 * interceptor answers, from a timer armed before the route runs and cleared when an answer starts,
 * so a read runs through no Nest interceptor. The route is not interrupted; its later answer is dropped.
 */
export function enforceReadTimeout(fastify: FastifyInstance, timeoutMs: number, logger = new Logger('Problem')): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    const config = request.routeOptions.config as unknown as Readonly<Record<string, unknown>> | undefined;
    if (request.method !== 'POST' && config?.[NO_REQUEST_TIMEOUT_ROUTE_CONFIG] !== true) {
      const timer = setTimeout(() => {
        timers.delete(request);
        if (reply.sent) return;
        markTimedOut(request);
        sendProblem(request, reply, requestTimeoutProblem(timeoutMs, false), logger);
      }, timeoutMs);
      timers.set(request, timer);
    }
    done();
  });
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    const timer = timers.get(request);
    if (timer !== undefined) {
      clearTimeout(timer);
      timers.delete(request);
    }
    done(null, payload);
  });
}
