import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import type { FastifyReply } from 'fastify';
import { callerOf } from './current-caller.decorator';

const CASE_ROUTES = join(__dirname, '..', 'case');

/** The POST routes of the case controllers (every command on an application), with the keys of their parameters. */
async function commandRoutes(): Promise<{ name: string; parameters: string[] }[]> {
  const files = readdirSync(CASE_ROUTES, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.controller.ts'),
  );
  const routes: { name: string; parameters: string[] }[] = [];
  for (const file of files) {
    const exported = (await import(join(CASE_ROUTES, file))) as Record<string, unknown>;
    for (const controller of Object.values(exported)) {
      if (typeof controller !== 'function' || Reflect.getMetadata(PATH_METADATA, controller) === undefined) continue;
      const prototype = controller.prototype as Record<string, object>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        if (Reflect.getMetadata(METHOD_METADATA, prototype[key]) !== RequestMethod.POST) continue;
        const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, unknown>;
        routes.push({ name: `${controller.name}.${key}`, parameters: Object.keys(parameters) });
      }
    }
  }
  return routes;
}

describe('callerOf: the caller of a command route, from its reply', () => {
  it('gives the principal the guard authenticated, with the request and the reply', () => {
    const request = { principal: { id: 'intake-a', roles: ['intake'] } };
    const reply = { request } as unknown as FastifyReply;
    expect(callerOf(reply)).toEqual({ principal: request.principal, request, reply });
  });

  it('refuses a route without authentication (no principal on the request)', () => {
    expect(() => callerOf({ request: {} } as unknown as FastifyReply)).toThrow(/without authentication/);
  });

  it('is how every command route takes its caller: none takes a custom decorator, which Nest runs through the pipes', async () => {
    const routes = await commandRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const custom = routes.filter((route) => route.parameters.some((key) => key.includes(CUSTOM_ROUTE_ARGS_METADATA)));
    expect(custom.map((route) => route.name)).toEqual([]);
  });
});
