import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { AppModule } from '../../app.module';
import { loadConfig } from '../../config/app-config';
import { CommandInterceptor } from './command.interceptor';

const SOURCE_ROOT = join(__dirname, '..', '..');

type Route = Readonly<{ name: string; method: RequestMethod; handler: object; interceptors: readonly unknown[] }>;

/** Every route of every controller class under apps/case-api/src, with the interceptors Nest would run on it. */
async function allRoutes(): Promise<Route[]> {
  const files = readdirSync(SOURCE_ROOT, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.controller.ts'),
  );
  const routes: Route[] = [];
  for (const file of files) {
    const exported = (await import(join(SOURCE_ROOT, file))) as Record<string, unknown>;
    for (const controller of Object.values(exported)) {
      if (typeof controller !== 'function' || Reflect.getMetadata(PATH_METADATA, controller) === undefined) continue;
      const onClass = (Reflect.getMetadata(INTERCEPTORS_METADATA, controller) as unknown[] | undefined) ?? [];
      const prototype = controller.prototype as Record<string, object>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const onMethod = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        routes.push({ name: `${controller.name}.${key}`, method, handler, interceptors: [...onClass, ...onMethod] });
      }
    }
  }
  return routes;
}

describe('CommandInterceptor: the timeout and idempotency interceptor on command routes only', () => {
  let routes: Route[];
  beforeAll(async () => (routes = await allRoutes()));

  it('is registered by no module as a global interceptor (APP_INTERCEPTOR)', () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent-data-dir', EVENT_STORE: 'memory' });
    const providers = AppModule.register(config, []).providers ?? [];
    expect(providers.filter((provider) => 'provide' in provider && provider.provide === APP_INTERCEPTOR)).toEqual([]);
  });

  it('runs on every POST route (shared/API.md "Idempotency" and REQUEST_TIMEOUT_MS around the record)', () => {
    const commands = routes.filter((route) => route.method === RequestMethod.POST);
    expect(commands.length).toBeGreaterThanOrEqual(15);
    expect(commands.filter((route) => !route.interceptors.includes(CommandInterceptor)).map((r) => r.name)).toEqual([]);
  });

  it('leaves every other route without a Nest interceptor (a read is timed by the Fastify hook)', () => {
    const reads = routes.filter((route) => route.method !== RequestMethod.POST);
    expect(reads.length).toBeGreaterThanOrEqual(15);
    expect(reads.filter((route) => route.interceptors.length > 0).map((route) => route.name)).toEqual([]);
  });

  it('carries @NoRequestTimeout() into the Fastify route config that the read timeout hook reads', () => {
    const exempt = routes.filter((route) => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, route.handler));
    expect(exempt.map((route) => route.name).sort()).toEqual(['FeedController.feed', 'FeedController.stream']);
    for (const route of exempt) {
      expect(Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, route.handler)).toEqual({ noRequestTimeout: true });
    }
  });
});
