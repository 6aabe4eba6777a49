import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

/** An ISO-8601 UTC instant with the `Z` designator, as the server reads (`IsUtcInstant`) and writes them. */
export const UTC_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$';

const COMPONENT_PREFIX = '#/components/schemas/';

/** Calls `visit` on every schema object of the document, nested ones included, parents first. */
export function eachSchema(document: OpenAPIObject, visit: (schema: SchemaObject) => void): void {
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const record = value as Record<string, unknown>;
    if (isSchemaLike(record)) visit(record);
    for (const [key, child] of Object.entries(record)) if (key !== 'example' && key !== 'examples') walk(child);
  };
  walk(document.components?.schemas);
  walk(document.paths);
}

const isSchemaLike = (value: Record<string, unknown>): boolean =>
  ['type', 'allOf', 'anyOf', 'oneOf', 'properties', 'format', 'nullable'].some((key) => key in value);

/**
 * OpenAPI 3.0.3: `nullable` only adds null to the schema's own `type`; an `allOf: [$ref]` beside it
 * still refuses null. `{ nullable, allOf: [$ref] }` (what @nestjs/swagger writes for a nullable
 * nested DTO) becomes "the referenced schema, or null".
 */
export function nullableReferences(schema: SchemaObject): void {
  const [only, ...more] = schema.allOf ?? [];
  if (schema.nullable !== true || only === undefined || more.length > 0 || !('$ref' in only)) return;
  delete schema.nullable;
  delete schema.allOf;
  delete schema.type;
  schema.anyOf = [only, { type: 'object', nullable: true, enum: [null] }];
}

/** OpenAPI 3.0.3: a nullable enum admits null only when its `enum` lists null too. */
export function nullableEnums(schema: SchemaObject): void {
  const values: unknown[] | undefined = schema.enum;
  if (schema.nullable === true && values !== undefined && !values.includes(null)) schema.enum = [...values, null];
}

/** Every `date-time` is an instant in UTC ending in `Z`: the server refuses offsets and never writes one. */
export function utcInstants(schema: SchemaObject): void {
  if (schema.format === 'date-time' && schema.pattern === undefined) schema.pattern = UTC_INSTANT_PATTERN;
}

/**
 * The ValidationPipe runs with `forbidNonWhitelisted`: an unknown member of a request body, at any
 * depth, is a 400. Every object schema a request body reaches is therefore closed.
 */
export function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const pending: Schema[] = [];
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      const body = (operation as { requestBody?: { content?: Record<string, { schema?: Schema }> } }).requestBody;
      for (const media of Object.values(body?.content ?? {})) if (media.schema) pending.push(media.schema);
    }
  }
  const closed = new Set<Schema>();
  while (pending.length > 0) {
    const next = pending.pop() as Schema;
    const schema = '$ref' in next ? schemas[next.$ref.slice(COMPONENT_PREFIX.length)] : next;
    if (schema === undefined || closed.has(schema)) continue;
    closed.add(schema);
    if ('$ref' in schema) {
      pending.push(schema);
      continue;
    }
    if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    pending.push(...Object.values(schema.properties ?? {}), ...(schema.allOf ?? []), ...(schema.anyOf ?? []));
    pending.push(...(schema.oneOf ?? []), ...(schema.items ? [schema.items] : []));
  }
}
