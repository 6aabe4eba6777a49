import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { HttpRole, Principal } from './principal';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * `Authorization: Bearer <api-key>`: missing or unknown key → 401, key without a role the route
 * allows → 403; otherwise the request's principal is set and nothing is returned. `key` is the
 * header's key (`bearerKeyOf`), `principal` the registry's for it. A route without
 * @Roles or @Public is closed to everyone (fail closed). Run by `enforceAccess` for every route
 * that is not public, after the rate limit.
 */
export function refuseUnauthorized(
  request: AuthenticatedRequest,
  key: string | null,
  principal: Principal | null,
  allowedRoles: readonly HttpRole[],
): Error | undefined {
  if (!key) return new UnauthorizedException('Send an API key as "Authorization: Bearer <api-key>"');
  if (!principal) return new UnauthorizedException('Unknown API key');
  request.principal = principal;
  const allowed = allowedRoles as readonly string[];
  if (principal.roles.some((role) => allowed.includes(role))) return undefined;
  return new ForbiddenException(`This route needs one of the roles: ${allowed.join(', ') || '(none)'}`);
}
