import type { FastifyRequest } from 'fastify';
import type { ApiKeyRegistry } from '../../auth/api-key-registry';
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
  registry: ApiKeyRegistry,
  buckets: TokenBuckets,
): Error | undefined {
  const principal = registry.principalOf(request);
  const caller = principal ? `principal ${principal.id}` : `client address ${request.ip} (no valid API key)`;
  const refusal = buckets.take(caller);
  if (!refusal) return undefined;
  const { limit, windowMs } = refusal.limit;
  return rateLimitedProblem(caller, limit, `${windowMs / 1000} s`, refusal.retryAfterMs);
}
