import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { LimitSettings } from '../../config/limits-config';

/**
 * Two sliding windows per caller: a burst limit over one second and a sustained limit over a
 * minute. A refused request does not count (`blockDuration: 0`), so a caller that backs off for
 * the Retry-After it was given gets through. The guard sets no X-RateLimit-* headers: the 429's
 * Retry-After is the contract. Counters live in this process (one budget per API replica).
 */
export function rateLimitOptions(
  limits: Pick<LimitSettings, 'rateLimitBurst' | 'rateLimitPerMinute'>,
): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'burst', ttl: 1000, limit: limits.rateLimitBurst, blockDuration: 0 },
      { name: 'per-minute', ttl: 60_000, limit: limits.rateLimitPerMinute, blockDuration: 0 },
    ],
    setHeaders: false,
  };
}
