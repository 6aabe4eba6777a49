import { ProblemError, problemType, titleOf } from '../problem/problem';

/** Retry-After in whole seconds, never 0: a client told to retry at once would only be refused again. */
const retryAfterSeconds = (milliseconds: number): string => String(Math.max(1, Math.ceil(milliseconds / 1000)));

/** 429: the caller sent more than its share; nothing was done. */
export function rateLimitedProblem(caller: string, limit: number, window: string, retryAfterMs: number): ProblemError {
  const retryAfter = retryAfterSeconds(retryAfterMs);
  return new ProblemError(
    {
      type: problemType('rate-limited'),
      title: titleOf(429),
      status: 429,
      code: 'RATE_LIMITED',
      detail: `More than ${limit} requests in ${window} from ${caller}; nothing was done: retry after ${retryAfter} s`,
    },
    { 'retry-after': retryAfter },
  );
}

/**
 * 503, not 504: we are the origin server, not a gateway, and shared/API.md already answers a
 * temporary inability to serve with 503 and Retry-After (`store-unavailable`).
 */
export function requestTimeoutProblem(timeoutMs: number, command: boolean): ProblemError {
  const outcome = command
    ? ' The command is applied atomically or not at all and may still complete: retry with the same Idempotency-Key to get its outcome without applying it twice.'
    : ' Retry the request.';
  return new ProblemError(
    {
      type: problemType('request-timeout'),
      title: titleOf(503),
      status: 503,
      code: 'REQUEST_TIMEOUT',
      detail: `The request did not finish within ${timeoutMs} ms.${outcome}`,
    },
    { 'retry-after': retryAfterSeconds(timeoutMs) },
  );
}

/** 503 while the service drains on SIGTERM: a request that arrives on an open connection is turned away. */
export function shuttingDownProblem(): ProblemError {
  return new ProblemError(
    {
      type: problemType('shutting-down'),
      title: titleOf(503),
      status: 503,
      code: 'SHUTTING_DOWN',
      detail: 'The service is shutting down; nothing was done: retry on a new connection',
    },
    { 'retry-after': '1', connection: 'close' },
  );
}

/** 414: the request target is longer than the server reads (it is not repeated in the answer). */
export function uriTooLongProblem(limit: string): ProblemError {
  return new ProblemError({
    type: problemType('uri-too-long'),
    title: titleOf(414),
    status: 414,
    detail: `The request URL is longer than ${limit}; nothing was done`,
  });
}

/** 405 for a path that exists with other methods, which `Allow` lists (RFC 9110 §15.5.6). */
export function methodNotAllowedProblem(method: string, allowed: readonly string[]): ProblemError {
  const allow = allowed.join(', ');
  return new ProblemError(
    {
      type: problemType('method-not-allowed'),
      title: titleOf(405),
      status: 405,
      detail: `This path does not take ${method}; it takes ${allow}`,
    },
    { allow },
  );
}
