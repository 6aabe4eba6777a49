import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type Observable, throwError, timeout } from 'rxjs';
import { requestTimeoutProblem } from './limit-problems';
import { NO_REQUEST_TIMEOUT_KEY } from './no-request-timeout.decorator';

/**
 * Answers 503 `request-timeout` when a route has not answered within REQUEST_TIMEOUT_MS. The work
 * is not interrupted: an event-store append is atomic, so a command either completes (and the
 * idempotency record of its key is saved, for the client's retry) or appends nothing. Registered
 * before the idempotency interceptor, so the timeout wraps it and leaves it to finish. A route
 * marked `@NoRequestTimeout()` (the change feed's long poll) bounds its own wait.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  private readonly reflector = new Reflector();

  constructor(private readonly timeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.get<boolean | undefined>(NO_REQUEST_TIMEOUT_KEY, context.getHandler())) return next.handle();
    const command = context.switchToHttp().getRequest<FastifyRequest>().method === 'POST';
    return next.handle().pipe(
      timeout({
        first: this.timeoutMs,
        with: () => throwError(() => requestTimeoutProblem(this.timeoutMs, command)),
      }),
    );
  }
}
