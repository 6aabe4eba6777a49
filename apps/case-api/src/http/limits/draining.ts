import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { shuttingDownProblem } from './limit-problems';

/**
 * Set when a graceful shutdown begins. Requests already received finish with their normal
 * answer, sent with `Connection: close` so that the connection does not wait out its keep-alive;
 * a request that arrives later on a connection still open is answered 503 `shutting-down`.
 */
export class Draining {
  private draining = false;

  get active(): boolean {
    return this.draining;
  }

  begin(): void {
    this.draining = true;
  }
}

/** Callback hooks, not `async` ones: every request passes both, and a promise each costs the request path. */
export function turnAwayWhileDraining(fastify: FastifyInstance, draining: Draining): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!draining.active) return done();
    // Answered here: the request goes no further (Fastify's early answer from a callback hook sends without `done`).
    const { problem, headers } = shuttingDownProblem();
    void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.active) void reply.header('connection', 'close');
    done(null, payload);
  });
}
