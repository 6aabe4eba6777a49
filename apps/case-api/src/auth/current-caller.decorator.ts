import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from './api-key.guard';
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
