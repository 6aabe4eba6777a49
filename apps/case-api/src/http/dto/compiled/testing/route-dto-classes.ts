import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where a DTO is read from: the JSON body, the query string or the path (strings only). */
export type DtoSource = 'body' | 'query' | 'param';

export type RouteDto = Readonly<{ type: new () => object; source: DtoSource; route: string }>;

const SOURCES: ReadonlyMap<number, DtoSource> = new Map([
  [RouteParamtypes.BODY, 'body'],
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.PARAM, 'param'],
]);

/** The types Nest's ValidationPipe passes through unvalidated (`toValidate`). */
const UNVALIDATED: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date, undefined];

function controllerFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

/**
 * Every class the global pipe validates on some route of the API: the body, query and path
 * parameter types of every handler of every controller under `apps/case-api/src`, read from
 * Nest's route argument metadata and TypeScript's `design:paramtypes`. A new route's DTO is found
 * without being listed anywhere.
 */
export function routeDtoClasses(sourceRoot: string): RouteDto[] {
  const found = new Map<string, RouteDto>();
  for (const file of controllerFiles(sourceRoot)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- found, not named: a new controller is covered
    const exports = require(file) as Record<string, unknown>;
    for (const exported of Object.values(exports)) {
      if (typeof exported !== 'function' || Reflect.getMetadata('path', exported) === undefined) continue;
      const controller = exported as new () => object;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        for (const [key, arg] of Object.entries(args)) {
          const source = SOURCES.get(Number(key.split(':')[0]));
          const type = types[arg.index];
          if (!source || UNVALIDATED.includes(type)) continue;
          const route = `${controller.name}.${method}`;
          const dto = { type: type as new () => object, source, route };
          found.set(`${source}:${(type as { name: string }).name}`, dto);
        }
      }
    }
  }
  return [...found.values()];
}
