/** A JSON Schema as the served OpenAPI document writes it (only what the fuzzer reads). */
type Schema = Readonly<{
  $ref?: string;
  type?: string;
  format?: string;
  enum?: readonly unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  items?: Schema;
  allOf?: readonly Schema[];
  properties?: Readonly<Record<string, Schema>>;
  required?: readonly string[];
}>;

type Parameter = Readonly<{ name: string; in: string; schema?: Schema }>;
type Operation = Readonly<{
  parameters?: readonly Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}>;
export type OpenApiDocument = Readonly<{
  paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  components?: Readonly<{ schemas?: Readonly<Record<string, Schema>> }>;
}>;

/** One route of the served API, as the fuzzer needs it. */
export type FuzzRoute = Readonly<{
  method: 'GET' | 'POST';
  /** OpenAPI template: `/v1/applications/{id}/approval`. */
  path: string;
  /** Path parameters with a value the schema documents (its example), if any. */
  pathParams: readonly Readonly<{ name: string; example: string | null }>[];
  queryParams: readonly Readonly<{ name: string; example: string | null }>[];
  /** A body shaped like the documented request schema (from its examples); `null` when none is documented. */
  exampleBody: unknown;
}>;

/**
 * Routes the generic enumeration leaves out, with the reason. `GET /v1/feed/stream` answers an
 * endless text/event-stream: Fastify's inject resolves only when the response ends, so a fuzzed
 * call would hang the suite (its 401/403/400 answers are covered by test/change-feed-stream.e2e-spec.ts).
 */
const NOT_FUZZED: ReadonlySet<string> = new Set(['GET /v1/feed/stream']);

/**
 * Query parameters the fuzzer never sends, with the reason. `waitSeconds` of `GET /v1/feed` makes
 * the route wait up to 30 s on purpose (a long poll); without it the route answers at once and is
 * fuzzed like any other (the long poll is covered by test/change-feed.e2e-spec.ts).
 */
const NOT_FUZZED_QUERY: Readonly<Record<string, readonly string[]>> = { '/v1/feed': ['waitSeconds'] };

/** Every GET and POST operation of the document, so a route added to the API is fuzzed without touching the suite. */
export function routesOf(document: OpenApiDocument): FuzzRoute[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref
      ? resolve(schemas[schema.$ref.replace('#/components/schemas/', '')])
      : schema?.allOf?.length === 1
        ? resolve(schema.allOf[0])
        : schema;
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(operations)) {
      const method = verb.toUpperCase();
      if ((method !== 'GET' && method !== 'POST') || NOT_FUZZED.has(`${method} ${path}`)) continue;
      const skipped = NOT_FUZZED_QUERY[path] ?? [];
      const parameters = (operation.parameters ?? []).filter(
        (parameter) => parameter.in !== 'query' || !skipped.includes(parameter.name),
      );
      const described = (place: string) =>
        parameters
          .filter((parameter) => parameter.in === place)
          .map((parameter) => ({ name: parameter.name, example: exampleText(resolve(parameter.schema)) }));
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method,
        path,
        pathParams: described('path'),
        queryParams: described('query'),
        exampleBody: bodySchema ? exampleOf(bodySchema, resolve) : null,
      });
    }
  }
  return routes;
}

/** A value the schema documents: its example, else its default, first enum member or a value of its type. */
function exampleOf(schema: Schema, resolve: (schema: Schema | undefined) => Schema | undefined, depth = 0): unknown {
  const resolved = resolve(schema) ?? {};
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  if (depth > 8) return null;
  switch (resolved.type) {
    case 'array':
      return resolved.items ? [exampleOf(resolved.items, resolve, depth + 1)] : [];
    case 'string':
      return 'x'.repeat(Math.max(1, resolved.minLength ?? 1));
    case 'integer':
    case 'number':
      return resolved.minimum ?? 1;
    case 'boolean':
      return true;
    default: {
      const entries = Object.entries(resolved.properties ?? {}).map(([name, property]) => [
        name,
        exampleOf(property, resolve, depth + 1),
      ]);
      return Object.fromEntries(entries);
    }
  }
}

/** A parameter's documented value as it goes in a URL: strings and numbers as they are, anything else as JSON. */
function exampleText(schema: Schema | undefined): string | null {
  const value = schema?.example ?? schema?.default ?? schema?.enum?.[0];
  if (value === undefined) return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
