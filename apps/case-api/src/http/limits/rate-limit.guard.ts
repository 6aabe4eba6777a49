import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { API_KEY_REGISTRY, ApiKeyRegistry } from '../../auth/api-key-registry';
import { PUBLIC_KEY } from '../../auth/roles.decorator';
import { rateLimitedProblem } from './limit-problems';

const PRINCIPAL = 'principal:';
const ADDRESS = 'address:';

/**
 * Rate limits per caller, checked before authentication so that guessing keys is limited too.
 * The caller is the principal of a valid API key, whichever route it calls and whatever address
 * it calls from; a request without a valid key counts against its client address instead. The
 * probes that need no key (/health, /health/live, /metrics) are not limited.
 */
@Injectable()
export class PrincipalRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
  }

  protected override async getTracker(request: FastifyRequest): Promise<string> {
    const principal = this.registry.principalOf(request);
    return principal ? `${PRINCIPAL}${principal.id}` : `${ADDRESS}${request.ip}`;
  }

  /** One budget per caller across all routes (the library's default keys it per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}|${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const caller = detail.tracker.startsWith(PRINCIPAL)
      ? `principal ${detail.tracker.slice(PRINCIPAL.length)}`
      : `client address ${detail.tracker.slice(ADDRESS.length)} (no valid API key)`;
    throw rateLimitedProblem(caller, detail.limit, `${detail.ttl / 1000} s`, detail.timeToBlockExpire * 1000);
  }
}
