import type { FastifyRequest } from 'fastify';

const timedOut = new WeakSet<FastifyRequest>();

/** Records that a read was answered 503 `request-timeout` while its route still ran. */
export const markTimedOut = (request: FastifyRequest): void => {
  timedOut.add(request);
};

/** True once a read has been answered 503 `request-timeout`: its route's late failure is not answered again. */
export const answeredByTimeout = (request: FastifyRequest): boolean => timedOut.has(request);
