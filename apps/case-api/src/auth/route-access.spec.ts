import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ProblemDetailsFilter } from '../http/problem/problem-details.filter';
import { NO_REQUEST_TIMEOUT_ROUTE_CONFIG, NoRequestTimeout } from '../http/limits/no-request-timeout.decorator';
import { TokenBuckets } from '../http/limits/token-buckets';
import { ApiKeyRegistry } from './api-key-registry';
import { Public, Roles } from './roles.decorator';
import { ROUTE_ACCESS_CONFIG, annotateRouteAccess, enforceAccess } from './route-access';

@Controller('audited')
@Roles('auditor')
class AuditedController {
  @Get('read')
  read() {
    return { read: true };
  }

  @Get('admin')
  @Roles('admin')
  adminOnly() {
    return { admin: true };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get('poll')
  @NoRequestTimeout()
  poll() {
    return { poll: true };
  }
}

@Controller('unmarked')
class UnmarkedController {
  @Get()
  closed() {
    return { closed: false };
  }
}

@Module({
  controllers: [AuditedController, UnmarkedController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
class AccessTestModule {}

const KEYS = { auditor: 'route-access-auditor-key-01', admin: 'route-access-admin-key-0001' };

/** Each route's Fastify config, as registered. */
const routeConfigs = new Map<string, unknown>();

async function appWith(
  limitPerMinute: number,
  outsideNest?: (fastify: FastifyInstance) => unknown,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AccessTestModule, new FastifyAdapter(), {
    logger: false,
  });
  const registry = new ApiKeyRegistry([
    { key: KEYS.auditor, principal: 'auditor-1', roles: ['auditor'] },
    { key: KEYS.admin, principal: 'admin-1', roles: ['admin'] },
  ]);
  const buckets = new TokenBuckets([{ name: 'per-minute', windowMs: 60_000, limit: limitPerMinute }]);
  annotateRouteAccess(app);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => void routeConfigs.set(`${String(route.method)} ${route.url}`, route.config));
  enforceAccess(app.getHttpAdapter().getInstance(), registry, buckets);
  outsideNest?.(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const get = async (app: NestFastifyApplication, url: string, key?: string) => {
  const response = await app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
  return [response.statusCode, (response.json<{ type?: string }>().type ?? 'ok').replace(/.*:/, '')];
};

describe('enforceAccess: the rate limit, API key and roles of controller routes from a Fastify hook', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => (app = await appWith(1_000)));
  afterAll(() => app.close());

  it('takes a method’s @Roles or @Public over its controller’s, and closes a route that names neither', async () => {
    expect(await get(app, '/audited/read', KEYS.auditor)).toEqual([200, 'ok']);
    expect(await get(app, '/audited/read', KEYS.admin)).toEqual([403, 'http-403']);
    expect(await get(app, '/audited/admin', KEYS.admin)).toEqual([200, 'ok']);
    expect(await get(app, '/audited/admin', KEYS.auditor)).toEqual([403, 'http-403']);
    expect(await get(app, '/audited/open')).toEqual([200, 'ok']);
    expect(await get(app, '/unmarked', KEYS.admin)).toEqual([403, 'http-403']);
  });

  it('closes an API route that reached Fastify without an access entry', async () => {
    const unannotated = await appWith(1_000, (fastify) => fastify.get('/v1/unannotated', () => ({ open: true })));
    try {
      expect(await get(unannotated, '/v1/unannotated')).toEqual([401, 'http-401']);
      expect(await get(unannotated, '/v1/unannotated', KEYS.admin)).toEqual([403, 'http-403']);
    } finally {
      await unannotated.close();
    }
  });

  it('answers 401 without a key or with an unknown one', async () => {
    expect(await get(app, '/audited/read')).toEqual([401, 'http-401']);
    expect(await get(app, '/audited/read', 'not-a-key-of-this-service')).toEqual([401, 'http-401']);
  });

  it('keeps the route config a method already had (@NoRequestTimeout) beside its access', () => {
    expect(routeConfigs.get('GET /audited/poll')).toMatchObject({
      [NO_REQUEST_TIMEOUT_ROUTE_CONFIG]: true,
      [ROUTE_ACCESS_CONFIG]: { public: false, roles: ['auditor'] },
    });
  });

  it('limits before it authenticates, and never limits a public route', async () => {
    const limited = await appWith(2);
    try {
      expect(await get(limited, '/audited/read', 'guessed-key')).toEqual([401, 'http-401']);
      expect(await get(limited, '/audited/read', 'guessed-key')).toEqual([401, 'http-401']);
      expect(await get(limited, '/audited/read', 'guessed-key')).toEqual([429, 'rate-limited']);
      for (let request = 0; request < 5; request++) expect(await get(limited, '/audited/open')).toEqual([200, 'ok']);
    } finally {
      await limited.close();
    }
  });
});
