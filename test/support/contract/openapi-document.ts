/** The parts of a served OpenAPI 3.0 document that the response contract reads. */
export type Schema = Readonly<Record<string, unknown>>;

export type HeaderObject = Readonly<{ required?: boolean; schema?: Schema }>;

export type ResponseObject = Readonly<{
  description?: string;
  headers?: Readonly<Record<string, HeaderObject>>;
  content?: Readonly<Record<string, Readonly<{ schema?: Schema }>>>;
}>;

export type OperationObject = Readonly<{ responses: Readonly<Record<string, ResponseObject>> }>;

export type OpenApiDocument = Readonly<{
  openapi: string;
  paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  components?: Readonly<{ schemas?: Readonly<Record<string, Schema>> }>;
}>;

/** One operation of the document, found by the path and method a request used. */
export type MatchedOperation = Readonly<{ template: string; method: string; operation: OperationObject }>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Route = Readonly<{ template: string; pattern: RegExp; parameters: number }>;

/**
 * Finds the operation for a request path: a path template's `{name}` matches one non-empty
 * segment, and a template with fewer parameters wins (`/v1/feed/stream` before `/v1/feed/{x}`).
 */
export class OperationIndex {
  private readonly routes: readonly Route[];

  constructor(private readonly document: OpenApiDocument) {
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map(escape)
            .join('[^/]+')}$`,
        ),
        parameters: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.parameters - b.parameters);
  }

  /** The path's template whatever the method, or undefined when no documented path matches. */
  templateOf(path: string): string | undefined {
    return this.routes.find((route) => route.pattern.test(path))?.template;
  }

  /** A HEAD the document does not list is the GET without its body (RFC 9110 §9.3.2), as the server answers it. */
  find(method: string, path: string): MatchedOperation | undefined {
    const template = this.templateOf(path);
    const lower = method.toLowerCase();
    const item = template === undefined ? undefined : this.document.paths[template];
    const documentedMethod = item?.[lower] === undefined && lower === 'head' ? 'get' : lower;
    const operation = item?.[documentedMethod];
    if (template === undefined || operation === undefined || !HTTP_METHODS.has(lower)) return undefined;
    return { template, method: documentedMethod, operation };
  }
}

const escape = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** A JSON Pointer (RFC 6901) into the document from its path segments. */
export const pointerOf = (...segments: readonly string[]): string =>
  segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * The document as the checks read it: every object schema that lists its members admits no other.
 * The served document leaves response objects open, so that clients accept members added later;
 * the server must still document every member it sends today.
 */
export function withEveryMemberDocumented(document: OpenApiDocument): OpenApiDocument {
  return JSON.parse(JSON.stringify(document), (_key, value: unknown) => {
    const schema = value as { properties?: unknown; additionalProperties?: unknown } | null;
    const lists = typeof schema === 'object' && schema !== null && typeof schema.properties === 'object';
    return lists && schema.additionalProperties === undefined ? { ...schema, additionalProperties: false } : value;
  }) as OpenApiDocument;
}

/** `/components/schemas/X` when the schema at `pointer` is exactly `{ $ref: '#/components/schemas/X' }`. */
export function componentReferenceAt(document: OpenApiDocument, pointer: string): string | undefined {
  let node: unknown = document;
  for (const segment of pointer.split('/').slice(1)) {
    node = (node as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const reference = (node as { $ref?: unknown } | undefined)?.$ref;
  const keys = typeof node === 'object' && node !== null ? Object.keys(node) : [];
  return typeof reference === 'string' && keys.length === 1 && reference.startsWith('#/')
    ? reference.slice(1)
    : undefined;
}
