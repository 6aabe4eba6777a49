import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendProblem } from '../problem/problem-details.filter';
import { requestTimeoutProblem } from './limit-problems';
import { NO_REQUEST_TIMEOUT_ROUTE_CONFIG } from './no-request-timeout.decorator';
import { markTimedOut } from './timed-out-requests';

/**
 * REQUEST_TIMEOUT_MS for every request but a command (POST, timed by `CommandInterceptor` around its
 * idempotency record) and a route marked `@NoRequestTimeout()`: the same 503 `request-timeout` the
 * interceptor answers, once a read has run that long without an answer starting, so a read runs
 * through no Nest interceptor. The route is not interrupted; its later answer is dropped. The
 * reads in flight wait in arrival order, which is deadline order, under one timer armed for the
 * oldest: a read costs a map entry, not a timer of its own (a timer armed and cleared was ~6 µs of
 * an as-of GET, 2026-12-06). The timer does not keep the process alive; an open request does.
 */
export function enforceReadTimeout(fastify: FastifyInstance, timeoutMs: number, logger = new Logger('Problem')): void {
  const deadlines = new Map<FastifyReply, number>();
  let timer: NodeJS.Timeout | null = null;
  const arm = (ms: number): void => {
    timer = setTimeout(expire, ms);
    timer.unref();
  };
  function expire(): void {
    timer = null;
    const now = performance.now();
    for (const [reply, deadline] of deadlines) {
      if (deadline > now) return arm(deadline - now);
      deadlines.delete(reply);
      if (reply.sent) continue;
      markTimedOut(reply.request);
      sendProblem(reply.request, reply, requestTimeoutProblem(timeoutMs, false), logger);
    }
  }
  fastify.addHook('preHandler', (request, reply, done) => {
    const config = request.routeOptions.config as unknown as Readonly<Record<string, unknown>> | undefined;
    if (request.method !== 'POST' && config?.[NO_REQUEST_TIMEOUT_ROUTE_CONFIG] !== true) {
      deadlines.set(reply, performance.now() + timeoutMs);
      if (timer === null) arm(timeoutMs);
    }
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    deadlines.delete(reply);
    done(null, payload);
  });
}
