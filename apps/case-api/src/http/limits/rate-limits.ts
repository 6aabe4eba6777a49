import type { LimitSettings } from '../../config/limits-config';
import type { RateLimit } from './token-buckets';

/**
 * Two limits per caller: a burst limit over one second and a sustained limit over a minute. The
 * guard sets no X-RateLimit-* headers: the 429's Retry-After is the contract. Counters live in
 * this process (one budget per API replica).
 */
export function rateLimits(limits: Pick<LimitSettings, 'rateLimitBurst' | 'rateLimitPerMinute'>): RateLimit[] {
  return [
    { name: 'burst', windowMs: 1000, limit: limits.rateLimitBurst },
    { name: 'per-minute', windowMs: 60_000, limit: limits.rateLimitPerMinute },
  ];
}
