import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { API_KEY_REGISTRY, ApiKeyRegistry, bearerKeyOf } from './api-key-registry';
import type { HttpRole, Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/**
 * `Authorization: Bearer <api-key>`: missing or unknown key → 401, key without a role the route
 * allows → 403. A route without @Roles or @Public is closed to everyone (fail closed).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request);
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<HttpRole[]>(ROLES_KEY, targets) ?? [];
    if (!principal.roles.some((role) => (allowed as string[]).includes(role))) {
      throw new ForbiddenException(`This route needs one of the roles: ${allowed.join(', ') || '(none)'}`);
    }
    return true;
  }

  private authenticate(request: FastifyRequest): Principal {
    if (!bearerKeyOf(request.headers.authorization))
      throw new UnauthorizedException('Send an API key as "Authorization: Bearer <api-key>"');
    const principal = this.registry.principalOf(request);
    if (!principal) throw new UnauthorizedException('Unknown API key');
    return principal;
  }
}
