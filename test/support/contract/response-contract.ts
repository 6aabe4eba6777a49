import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  OperationIndex,
  componentReferenceAt,
  pointerOf,
  withEveryMemberDocumented,
  type MatchedOperation,
  type OpenApiDocument,
  type ResponseObject,
  type Schema,
} from './openapi-document';

/** A response as a test received it, whichever client sent the request. */
export type ObservedResponse = Readonly<{
  method: string;
  url: string;
  status: number;
  headers: Readonly<Record<string, string | string[] | number | undefined>>;
  text: string;
}>;

/**
 * Headers that carry the contract (concurrency, idempotency, redirection, back-off, the request id): a response
 * that sends one must be documented as sending it, whether or not the document marks it required.
 */
export const CONTRACT_HEADERS = [
  'etag',
  'location',
  'retry-after',
  'idempotent-replayed',
  'allow',
  'x-request-id',
] as const;

/** The routes that serve the document itself (Swagger UI and its JSON): not part of the API it describes. */
const DOCUMENT_ROUTES = /^\/docs(?:-json|\/.*)?$/;

const DOCUMENT_ID = 'urn:impplus:openapi';
const MAX_ERRORS = 8;

/**
 * Checks responses against a served OpenAPI 3.0 document with Ajv: the status is documented for
 * the operation, every required header is present and every contract header sent is documented,
 * each documented header value matches its schema, and the body matches the schema of its media
 * type, with no member its schema does not list.
 */
export class ResponseContract {
  private readonly ajv: Ajv;
  private readonly operations: OperationIndex;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    // inlineRefs: false compiles each component once, however many responses refer to it.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, inlineRefs: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...withEveryMemberDocumented(document), $id: DOCUMENT_ID });
    this.operations = new OperationIndex(document);
  }

  /**
   * Compiles every response body schema now (a few hundred ms), so that no test pays for it in
   * the middle of what it times.
   */
  compileAll(): this {
    for (const [template, item] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          for (const mediaType of Object.keys(response.content ?? {})) {
            this.validatorAt(pointerOf('paths', template, method, 'responses', status, 'content', mediaType, 'schema'));
          }
        }
      }
    }
    return this;
  }

  /** What the response breaks, as readable lines; empty when it keeps the contract. */
  violationsOf(response: ObservedResponse): string[] {
    const path = response.url.split('?', 1)[0];
    if (DOCUMENT_ROUTES.test(path)) return [];
    const matched = this.operations.find(response.method, path);
    if (!matched) return this.unroutedViolations(response, path);
    const statusKey = this.documentedStatus(matched, response.status);
    if (statusKey === undefined) {
      const documented = Object.keys(matched.operation.responses).join(', ');
      return [`status ${response.status} is not documented (documented: ${documented})`];
    }
    const documented = matched.operation.responses[statusKey];
    const base = ['paths', matched.template, matched.method, 'responses', statusKey];
    return [...this.headerViolations(response, documented, base), ...this.bodyViolations(response, documented, base)];
  }

  /** What a value breaks of a component schema (`components/schemas/<name>`), e.g. each item of an event stream. */
  violationsOfComponent(name: string, value: unknown): string[] {
    return this.schemaViolations(pointerOf('components', 'schemas', name), value, name);
  }

  /** A readable failure: the request, the documented route, the status and every violation. */
  describe(response: ObservedResponse, violations: readonly string[]): string {
    const path = response.url.split('?', 1)[0];
    const template = this.operations.templateOf(path) ?? 'no documented path';
    const excerpt = response.text.length > 600 ? `${response.text.slice(0, 600)}…` : response.text;
    return [
      `${response.method} ${response.url} (${template}) answered ${response.status}, which the served OpenAPI document does not describe:`,
      ...violations.map((violation) => `  - ${violation}`),
      `  content-type: ${String(response.headers['content-type'] ?? '(none)')}`,
      `  body: ${excerpt || '(empty)'}`,
    ].join('\n');
  }

  private documentedStatus({ operation }: MatchedOperation, status: number): string | undefined {
    return [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in operation.responses);
  }

  /** A path or method the document does not list: only a problem (404, 405 with Allow, 414, 431…) may answer it. */
  private unroutedViolations(response: ObservedResponse, path: string): string[] {
    const method = response.method.toUpperCase();
    const where = this.operations.templateOf(path) ? `${method} is not documented on this path` : 'no documented path';
    if (response.status < 400 || response.status >= 500) return [`${where}, yet it answered ${response.status}`];
    if (response.status === 405 && response.headers.allow === undefined) return ['405 without Allow'];
    const problem = this.document.components?.schemas?.ProblemDto ? ['components', 'schemas', 'ProblemDto'] : null;
    if (!problem || mediaTypeOf(response) !== 'application/problem+json') {
      return [`${where}: the refusal must be application/problem+json`];
    }
    return this.schemaViolations(pointerOf(...problem), parseJson(response.text), 'body');
  }

  private headerViolations(response: ObservedResponse, documented: ResponseObject, base: string[]): string[] {
    const headers = Object.fromEntries(
      Object.entries(documented.headers ?? {}).map(([name, header]) => [name.toLowerCase(), { name, header }]),
    );
    const violations = CONTRACT_HEADERS.filter(
      (name) => response.headers[name] !== undefined && headers[name] === undefined,
    ).map((name) => `header ${name} is sent but not documented for this status`);
    for (const [lower, { name, header }] of Object.entries(headers)) {
      const value = response.headers[lower];
      if (value === undefined) {
        if (header.required) violations.push(`required header ${name} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const pointer = pointerOf(...base, 'headers', name, 'schema');
      violations.push(...this.schemaViolations(pointer, headerValue(String(value), header.schema), `header ${name}`));
    }
    return violations;
  }

  private bodyViolations(response: ObservedResponse, documented: ResponseObject, base: string[]): string[] {
    const content = documented.content ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length === 0) {
      return response.text === '' ? [] : ['a body is sent but this status documents none'];
    }
    if (response.method.toUpperCase() === 'HEAD') return [];
    const mediaType = mediaTypeOf(response);
    const key = mediaTypes.find((documentedType) => mediaTypeMatches(documentedType, mediaType));
    if (key === undefined)
      return [`content-type ${mediaType || '(none)'} is not documented (documented: ${mediaTypes.join(', ')})`];
    if (!content[key].schema) return [];
    const body = /[/+]json$/.test(mediaType) ? parseJson(response.text) : response.text;
    return this.schemaViolations(pointerOf(...base, 'content', key, 'schema'), body, 'body');
  }

  /** The validator of the schema at `pointer`; a schema that only refers to a component shares the component's. */
  private validatorAt(pointer: string): ValidateFunction {
    const target = componentReferenceAt(this.document, pointer) ?? pointer;
    let validate = this.validators.get(target);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${target}` });
      this.validators.set(target, validate);
    }
    return validate;
  }

  private schemaViolations(pointer: string, value: unknown, what: string): string[] {
    if (value === undefined) return [`${what} is empty or not JSON`];
    const validate = this.validatorAt(pointer);
    if (validate(value)) return [];
    const errors = validate.errors ?? [];
    return [
      `${what} does not match ${pointer.replace(/~1/g, '/').replace(/~0/g, '~')}:`,
      ...errors.slice(0, MAX_ERRORS).map((error) => `    ${describeError(error)}`),
      ...(errors.length > MAX_ERRORS ? [`    …and ${errors.length - MAX_ERRORS} more`] : []),
    ];
  }
}

const describeError = (error: ErrorObject): string =>
  `${error.instancePath || '(root)'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;

const mediaTypeOf = (response: ObservedResponse): string =>
  String(response.headers['content-type'] ?? '')
    .split(';', 1)[0]
    .trim()
    .toLowerCase();

const mediaTypeMatches = (documented: string, actual: string): boolean =>
  documented === actual ||
  documented === '*/*' ||
  (documented.endsWith('/*') && actual.startsWith(documented.slice(0, -1)));

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A header is text on the wire; a header documented as a number is compared as one. */
function headerValue(value: string, schema: Schema): unknown {
  const numeric = schema.type === 'integer' || schema.type === 'number';
  return numeric && /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
}
