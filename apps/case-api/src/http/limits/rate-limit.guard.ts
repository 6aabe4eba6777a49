import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { API_KEY_REGISTRY, ApiKeyRegistry } from '../../auth/api-key-registry';
import { PUBLIC_KEY } from '../../auth/roles.decorator';
import { rateLimitedProblem } from './limit-problems';
import type { TokenBuckets } from './token-buckets';

/** The callers' token buckets of this process (see `rateLimits`). */
export const RATE_LIMIT_BUCKETS = Symbol('RateLimitBuckets');

/**
 * Rate limits per caller, checked before authentication so that guessing keys is limited too.
 * The caller is the principal of a valid API key, whichever route it calls and whatever address
 * it calls from; a request without a valid key counts against its client address instead. The
 * probes that need no key (/health, /health/live, /metrics) are not limited.
 */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMIT_BUCKETS) private readonly buckets: TokenBuckets,
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = this.registry.principalOf(request);
    const caller = principal ? `principal ${principal.id}` : `client address ${request.ip} (no valid API key)`;
    const refusal = this.buckets.take(caller);
    if (!refusal) return true;
    const { limit, windowMs } = refusal.limit;
    throw rateLimitedProblem(caller, limit, `${windowMs / 1000} s`, refusal.retryAfterMs);
  }
}
