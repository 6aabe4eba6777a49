import type { LinkObject, OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * OpenAPI links from what a command creates to the routes that take its id: the submission's
 * `id` to every `/v1/applications/{id}…` operation, an extension's `extensionId` to its decision,
 * an information request's `requestId` to its response. A route `<path>/{name}…` is linked from the
 * 201 of `POST <path>` when that answer has a member `name`; the other path parameters come from the
 * request that created it. Stateful testers and generated clients follow them.
 */
export function linkCreatedResources(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as OperationObject })),
  );
  for (const { path, method, operation } of operations) {
    const created = operation.responses['201'] as ResponseObject | undefined;
    if (method !== 'post' || !created) continue;
    const members = Object.keys(bodySchemaOf(created, schemas)?.properties ?? {});
    const links: Record<string, LinkObject> = {};
    for (const target of operations) {
      const name = members.find((member) => target.path.startsWith(`${path}/{${member}}`));
      const known = new Set([...parametersOf(path), name]);
      if (!name || !target.operation.operationId || !parametersOf(target.path).every((p) => known.has(p))) continue;
      links[target.operation.operationId] = {
        operationId: target.operation.operationId,
        parameters: Object.fromEntries(
          parametersOf(target.path).map((parameter) => [
            parameter,
            parameter === name ? `$response.body#/${name}` : `$request.path.${parameter}`,
          ]),
        ),
        description: `${target.method.toUpperCase()} ${target.path} with the ${name} this answer created`,
      };
    }
    if (Object.keys(links).length > 0) created.links = { ...created.links, ...links };
  }
}

function bodySchemaOf(response: ResponseObject, schemas: Record<string, SchemaObject>): SchemaObject | undefined {
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return undefined;
  return '$ref' in schema ? schemas[schema.$ref.slice(COMPONENT_PREFIX.length)] : schema;
}

const parametersOf = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
