import { METHOD_METADATA } from '@nestjs/common/constants';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refuseUnauthorized } from './api-key.refusal';
import { type ApiKeyRegistry, bearerKeyOf } from './api-key-registry';
import type { HttpRole } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { refuseOverLimit } from '../http/limits/rate-limit.refusal';
import type { TokenBuckets } from '../http/limits/token-buckets';

/** The Fastify route config entry that `enforceAccess` reads: who may call a controller route. */
export const ROUTE_ACCESS_CONFIG = 'impplus:access';

/** A controller route's @Public and @Roles, the method's own else its controller's. */
export type RouteAccess = Readonly<{ public: boolean; roles: readonly HttpRole[] }>;

/**
 * Puts every controller route's access into its Fastify route config (as `@RouteConfig` does),
 * so that `enforceAccess` reads it from the matched route. Run before Nest registers the routes
 * (`app.init`/`listen`), which copies each method's metadata to the handler it gives Fastify.
 */
export function annotateRouteAccess(app: INestApplicationContext): void {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const targets = [handler as () => unknown, controller];
        const access: RouteAccess = {
          public: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true,
          roles: reflector.getAllAndOverride<HttpRole[] | undefined>(ROLES_KEY, targets) ?? [],
        };
        const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as object;
        Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [ROUTE_ACCESS_CONFIG]: access }, handler);
      }
    }
}

/** Every route of the API is Nest's; one found there without an access entry is closed to everyone (fail closed). */
const API_PREFIX = '/v1/';
const CLOSED: RouteAccess = { public: false, roles: [] };

/**
 * The rate limit (429), then the API key (401) and the route's roles (403), for every controller
 * route that is not @Public, in a Fastify `preHandler` hook: after the input guards (400), before
 * Nest's interceptors and pipes, as Nest's guards ran. A refusal goes to the error handler, that
 * is the same problem filter. Nest's guards cost each request an execution context, four promises
 * and six metadata look-ups (~2 KB and ~5 µs an as-of GET, 2026-12-06). Routes Fastify serves
 * outside Nest (the OpenAPI document, the audit console's files) carry no access entry.
 */
export function enforceAccess(fastify: FastifyInstance, registry: ApiKeyRegistry, buckets: TokenBuckets): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const access = accessOf(request) ?? (request.routeOptions.url?.startsWith(API_PREFIX) ? CLOSED : undefined);
    if (access === undefined || access.public) return done();
    // The key is looked up once: the rate limit counts its principal, authentication checks it.
    const key = bearerKeyOf(request.headers.authorization);
    const principal = key ? registry.authenticate(key) : null;
    done(refuseOverLimit(request, principal, buckets) ?? refuseUnauthorized(request, key, principal, access.roles));
  });
}

const accessOf = (request: FastifyRequest): RouteAccess | undefined =>
  (request.routeOptions.config as unknown as Readonly<Record<string, RouteAccess | undefined>> | undefined)?.[
    ROUTE_ACCESS_CONFIG
  ];
