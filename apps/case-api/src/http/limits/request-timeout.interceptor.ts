import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { defer, type Observable, throwError, timeout } from 'rxjs';
import { requestTimeoutProblem } from './limit-problems';

/** An interceptor that answers synchronously with its observable (as the idempotency interceptor does). */
export type InnerInterceptor = Readonly<{
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}>;

/**
 * Answers a command 503 `request-timeout` when it has not answered within REQUEST_TIMEOUT_MS. The
 * work is not interrupted: an event-store append is atomic, so a command either completes (and the
 * idempotency record of its key is saved, for the client's retry) or appends nothing. It wraps the
 * idempotency interceptor (`inner`), so the timeout leaves that to finish. The two are one
 * interceptor because Nest wraps each one in an AsyncResource and two rxjs layers, about 35 µs of
 * CPU a request. It runs on command routes only (`CommandInterceptor`, every POST); reads are timed
 * by the Fastify hook `enforceReadTimeout`, which also honours `@NoRequestTimeout()`.
 */
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(
    private readonly timeoutMs: number,
    private readonly inner: InnerInterceptor,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { inner } = this;
    return defer(() => inner.intercept(context, next)).pipe(
      timeout({
        first: this.timeoutMs,
        with: () => throwError(() => requestTimeoutProblem(this.timeoutMs, true)),
      }),
    );
  }
}
