import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
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

  /**
   * rxjs's `defer(…).pipe(timeout({ first, with }))` as one observable with a plain timer: the
   * operator's subscriber layers and its scheduler's interval cost every command. The inner
   * interceptor runs once the answer is subscribed (a throw is the answer's error); its first value
   * or its end stops the timer; the timeout answers 503 and unsubscribes it.
   */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return new Observable((subscriber) => {
      const timer = setTimeout(() => subscriber.error(requestTimeoutProblem(this.timeoutMs, true)), this.timeoutMs);
      let answer: Observable<unknown>;
      try {
        answer = this.inner.intercept(context, next);
      } catch (error) {
        clearTimeout(timer);
        subscriber.error(error);
        return undefined;
      }
      const inner = answer.subscribe({
        next: (value) => {
          clearTimeout(timer);
          subscriber.next(value);
        },
        error: (error: unknown) => {
          clearTimeout(timer);
          subscriber.error(error);
        },
        complete: () => {
          clearTimeout(timer);
          subscriber.complete();
        },
      });
      return () => {
        clearTimeout(timer);
        inner.unsubscribe();
      };
    });
  }
}
