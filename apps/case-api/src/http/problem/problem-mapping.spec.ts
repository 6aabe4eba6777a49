import {
  AppendTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
} from '@app/event-store';
import { toProblem } from './problem-mapping';

describe('toProblem of the store errors', () => {
  it.each([
    ['unavailable', new StoreUnavailableError('KurrentDB unavailable: refused'), 503, 'store-unavailable', '5'],
    ['access denied', new StoreAccessDeniedError('KurrentDB denied access'), 503, 'store-access-denied', undefined],
    ['too large', new AppendTooLargeError('application-1', 'too large'), 413, 'append-too-large', undefined],
    ['deleted', new StreamDeletedError('application-1'), 410, 'stream-deleted', undefined],
  ])('maps %s to %p %s, never a 500', (_, error, status, slug, retryAfter) => {
    const { problem, headers } = toProblem(error);

    expect(problem).toMatchObject({ status, type: `urn:impplus:problem:${slug}` });
    expect(headers['retry-after']).toBe(retryAfter);
  });

  it('does not tell the caller which credentials the store refused', () => {
    const { problem } = toProblem(new StoreAccessDeniedError('KurrentDB denied access: user ops-reader'));

    expect(problem.detail).not.toContain('ops-reader');
  });
});
