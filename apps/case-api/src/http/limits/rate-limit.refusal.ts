import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import { rateLimitedProblem } from './limit-problems';
import type { TokenBuckets } from './token-buckets';

/** The callers' token buckets of this process (see `rateLimits`). */
export const RATE_LIMIT_BUCKETS = Symbol('RateLimitBuckets');

/**
 * Rate limits per caller, checked before authentication so that guessing keys is limited too.
 * The caller is the principal of a valid API key, whichever route it calls and whatever address
 * it calls from; a request without a valid key counts against its client address instead. The
 * probes that need no key (/health, /health/live, /metrics) are not limited (`enforceAccess`).
 */
export function refuseOverLimit(
  request: FastifyRequest,
  principal: Principal | null,
  buckets: TokenBuckets,
): Error | undefined {
  const caller = principal ? callerOf(principal) : `client address ${request.ip} (no valid API key)`;
  const refusal = buckets.take(caller);
  if (!refusal) return undefined;
  const { limit, windowMs } = refusal.limit;
  return rateLimitedProblem(caller, limit, `${windowMs / 1000} s`, refusal.retryAfterMs);
}

/** A principal's bucket name, made once: the buckets are looked up by it on every request. */
const callers = new WeakMap<Principal, string>();
function callerOf(principal: Principal): string {
  let caller = callers.get(principal);
  if (caller === undefined) callers.set(principal, (caller = `principal ${principal.id}`));
  return caller;
}
