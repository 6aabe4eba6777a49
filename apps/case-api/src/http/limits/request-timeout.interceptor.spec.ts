import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { from, lastValueFrom, NEVER, of, type Observable } from 'rxjs';
import { NoRequestTimeout } from './no-request-timeout.decorator';
import { RequestTimeoutInterceptor, type InnerInterceptor } from './request-timeout.interceptor';

class Routes {
  read(): void {}

  @NoRequestTimeout()
  longPoll(): void {}
}

const contextOf = (handler: keyof Routes, method = 'GET'): ExecutionContext =>
  ({
    getHandler: () => Routes.prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ method }) }),
  }) as unknown as ExecutionContext;

const handlerOf = (answer: Observable<unknown>): CallHandler => ({ handle: () => answer });

/** The idempotency interceptor's place: records what it was asked, and answers through the route. */
function recordingInner(): InnerInterceptor & { calls: number } {
  return {
    calls: 0,
    intercept(_context, next) {
      this.calls++;
      return next.handle();
    },
  };
}

describe('RequestTimeoutInterceptor: one global interceptor around the idempotency interceptor', () => {
  it('runs the inner interceptor inside the timeout, once the answer is subscribed, and passes its answer on', async () => {
    const inner = recordingInner();
    const answer = new RequestTimeoutInterceptor(1000, inner).intercept(contextOf('read'), handlerOf(of('view')));
    expect(inner.calls).toBe(0);
    await expect(lastValueFrom(answer)).resolves.toBe('view');
    expect(inner.calls).toBe(1);
  });

  it('answers 503 REQUEST_TIMEOUT when the inner interceptor and the route have not answered in time', async () => {
    const inner = recordingInner();
    const answer = new RequestTimeoutInterceptor(20, inner).intercept(contextOf('read', 'POST'), handlerOf(NEVER));
    await expect(lastValueFrom(answer)).rejects.toMatchObject({
      problem: { status: 503, code: 'REQUEST_TIMEOUT' },
      headers: { 'retry-after': '1' },
    });
    expect(inner.calls).toBe(1);
  });

  it('leaves a @NoRequestTimeout() route without a deadline, still through the inner interceptor', async () => {
    const inner = recordingInner();
    const slow = new Promise<string>((resolve) => setTimeout(() => resolve('events'), 60));
    const answer = new RequestTimeoutInterceptor(20, inner).intercept(contextOf('longPoll'), handlerOf(from(slow)));
    await expect(lastValueFrom(answer)).resolves.toBe('events');
    expect(inner.calls).toBe(1);
  });
});
