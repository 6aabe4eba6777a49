import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { defer, type Observable, throwError, timeout } from 'rxjs';
import { requestTimeoutProblem } from './limit-problems';
import { NO_REQUEST_TIMEOUT_KEY } from './no-request-timeout.decorator';

/** An interceptor that answers synchronously with its observable (as the idempotency interceptor does). */
export type InnerInterceptor = Readonly<{
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}>;

/**
 * Answers 503 `request-timeout` when a route has not answered within REQUEST_TIMEOUT_MS. The work
 * is not interrupted: an event-store append is atomic, so a command either completes (and the
 * idempotency record of its key is saved, for the client's retry) or appends nothing. It wraps the
 * idempotency interceptor (`inner`), so the timeout leaves that to finish. The two are one interceptor
 * because Nest wraps each one in an AsyncResource and two rxjs layers, about 35 µs of CPU a request;
 * it runs on command routes only (`CommandInterceptor`), reads are timed by `enforceReadTimeout`.
 * A route marked `@NoRequestTimeout()` (the change feed's long poll) bounds its own wait.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  private readonly reflector = new Reflector();

  constructor(
    private readonly timeoutMs: number,
    private readonly inner?: InnerInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { inner } = this;
    const handled = inner ? defer(() => inner.intercept(context, next)) : next.handle();
    if (this.reflector.get<boolean | undefined>(NO_REQUEST_TIMEOUT_KEY, context.getHandler())) return handled;
    const command = context.switchToHttp().getRequest<FastifyRequest>().method === 'POST';
    return handled.pipe(
      timeout({
        first: this.timeoutMs,
        with: () => throwError(() => requestTimeoutProblem(this.timeoutMs, command)),
      }),
    );
  }
}
