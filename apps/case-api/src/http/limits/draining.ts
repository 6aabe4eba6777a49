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

export function turnAwayWhileDraining(fastify: FastifyInstance, draining: Draining): void {
  fastify.addHook('onRequest', async (_request, reply) => {
    if (!draining.active) return;
    const { problem, headers } = shuttingDownProblem();
    return reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (draining.active) void reply.header('connection', 'close');
  });
}
