import { createParamDecorator, Res, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from './api-key.refusal';
import type { Principal } from './principal';

/** The authenticated principal with its request and reply (for headers such as ETag). */
export type Caller = Readonly<{ principal: Principal; request: AuthenticatedRequest; reply: FastifyReply }>;

/** The principal is the one the guard authenticated, never a header or a body field. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentCaller used on a route without authentication');
  return { principal: request.principal, request, reply: http.getResponse<FastifyReply>() };
});

/**
 * The route's reply as Nest hands it over (`@Res({ passthrough: true })`: the route still returns
 * its answer), from which `callerOf` takes the caller. For command routes: Nest puts a custom
 * decorator's value (`@CurrentCaller()`) through the global pipes, about eight promises a request.
 */
export const CallerReply = (): ParameterDecorator => Res({ passthrough: true });

/** The caller of the route answering `reply` (Fastify's reply knows its request), as `@CurrentCaller()` gives it. */
export function callerOf(reply: FastifyReply): Caller {
  const request = reply.request as AuthenticatedRequest;
  if (!request.principal) throw new Error('callerOf used on a route without authentication');
  return { principal: request.principal, request, reply };
}
