import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, NEVER, of, type Observable } from 'rxjs';
import { RequestTimeoutInterceptor, type InnerInterceptor } from './request-timeout.interceptor';

/** The interceptor reads nothing of the context: it hands it to the inner interceptor. */
const context = {} as ExecutionContext;

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

describe("RequestTimeoutInterceptor: a command's timeout around the idempotency interceptor", () => {
  it('runs the inner interceptor inside the timeout, once the answer is subscribed, and passes its answer on', async () => {
    const inner = recordingInner();
    const answer = new RequestTimeoutInterceptor(1000, inner).intercept(context, handlerOf(of('view')));
    expect(inner.calls).toBe(0);
    await expect(lastValueFrom(answer)).resolves.toBe('view');
    expect(inner.calls).toBe(1);
  });

  it('answers 503 REQUEST_TIMEOUT, telling the caller to retry with its Idempotency-Key, when the inner interceptor and the route have not answered in time', async () => {
    const inner = recordingInner();
    const answer = new RequestTimeoutInterceptor(20, inner).intercept(context, handlerOf(NEVER));
    await expect(lastValueFrom(answer)).rejects.toMatchObject({
      problem: {
        status: 503,
        code: 'REQUEST_TIMEOUT',
        detail: expect.stringContaining('retry with the same Idempotency-Key') as unknown,
      },
      headers: { 'retry-after': '1' },
    });
    expect(inner.calls).toBe(1);
  });

  it('times a command with one plain timer, no scheduler interval, and stops it once answered', async () => {
    const intervals = jest.spyOn(global, 'setInterval');
    const timers = jest.spyOn(global, 'setTimeout');
    const cleared = jest.spyOn(global, 'clearTimeout');
    try {
      const answer = new RequestTimeoutInterceptor(1000, recordingInner()).intercept(context, handlerOf(of('view')));
      await expect(lastValueFrom(answer)).resolves.toBe('view');
      expect(intervals).not.toHaveBeenCalled();
      expect(timers).toHaveBeenCalledTimes(1);
      expect(cleared).toHaveBeenCalledWith(timers.mock.results[0]?.value);
    } finally {
      intervals.mockRestore();
      timers.mockRestore();
      cleared.mockRestore();
    }
  });

  it("answers with the inner interceptor's refusal when it throws (a malformed Idempotency-Key)", async () => {
    const refusal = new Error('Idempotency-Key must be 1 to 200 visible ASCII characters');
    const inner: InnerInterceptor = {
      intercept: () => {
        throw refusal;
      },
    };
    const answer = new RequestTimeoutInterceptor(1000, inner).intercept(context, handlerOf(of('view')));
    await expect(lastValueFrom(answer)).rejects.toBe(refusal);
  });
});
