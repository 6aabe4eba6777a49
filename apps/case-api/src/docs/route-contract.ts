import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
} from '@nestjs/swagger';
import {
  CONTRACT_HEADERS,
  CONTRACT_PARAMETERS,
  contractHeader,
  parameterRef,
  problemResponse,
  type ContractHeader,
} from './contract-components';

/** What the server's shared machinery does on a route, read from its path, method and security. */
export type RouteKind = Readonly<{
  /** Behind the API key guard and the per-caller rate limit (not /health, /metrics). */
  authenticated: boolean;
  /** A POST: the idempotency record, the JSON body parser and its limits. */
  command: boolean;
  /** A command on one application (`ApplicationCommandRunner`): domain rules, ETag and Location. */
  applicationCommand: boolean;
  /** Builds a command context, which reads If-Match (`CommandContextFactory`). */
  honoursIfMatch: boolean;
  /** Reads or appends to one application's stream, which a KurrentDB operator may have deleted (410). */
  readsApplicationStream: boolean;
  hasPathParameters: boolean;
  /** `GET /v1/applications/{id}`: the view with its revision as ETag. */
  readsOneApplication: boolean;
}>;

const APPLICATIONS = '/v1/applications';
const PARKED_EVENT = '/v1/admin/parked/{id}/';

export function routeKindOf(path: string, method: string, operation: OperationObject): RouteKind {
  const command = method === 'post';
  const onApplications = path === APPLICATIONS || path.startsWith(`${APPLICATIONS}/`);
  const applicationCommand = command && onApplications;
  return {
    authenticated: (operation.security ?? []).length > 0,
    command,
    applicationCommand,
    honoursIfMatch: applicationCommand || (command && path.startsWith(PARKED_EVENT)),
    // The stream readers below one application: history, verification, timeline.
    readsApplicationStream: applicationCommand || (method === 'get' && path.startsWith(`${APPLICATIONS}/{id}/`)),
    hasPathParameters: path.includes('{'),
    readsOneApplication: method === 'get' && path === `${APPLICATIONS}/{id}`,
  };
}

/** Every problem status the route can answer, from the guards, filters, limits and problem mapping it passes through. */
export function problemStatusesOf(kind: RouteKind): number[] {
  const statuses = [
    // Input guards (query text, malformed URL), header and receive timeouts, URL and header limits, draining.
    400,
    408,
    414,
    431,
    503,
    ...(kind.authenticated ? [401, 403, 429] : []),
    // A reused Idempotency-Key; the body limit; the JSON-only body parser.
    ...(kind.command ? [409, 413, 415] : []),
    ...(kind.honoursIfMatch ? [412] : []),
    // A parameter of `.` or `..`, removed by a client that normalises dot segments, lands on another path (405 there).
    ...(kind.hasPathParameters ? [404, 405] : []),
    ...(kind.applicationCommand ? [422] : []),
    ...(kind.readsApplicationStream ? [410] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
}

/** A POST that reads no body still parses one sent (JSON only, an object): documented as optional and ignored. */
const IGNORED_BODY: RequestBodyObject = {
  required: false,
  description: 'This route reads no body. One may be sent, and is ignored, if it is a JSON object (else 400 or 415).',
  content: { 'application/json': { schema: { type: 'object' } } },
};

/** Headers a problem of this status may carry: Allow on 405, Retry-After on 429 always, on 409 and 503 when retrying can help. */
const PROBLEM_HEADERS: Record<number, Readonly<{ name: ContractHeader; required: boolean }>> = {
  405: { name: 'Allow', required: true },
  409: { name: 'RetryAfter', required: false },
  429: { name: 'RetryAfter', required: true },
  503: { name: 'RetryAfter', required: false },
};

/** Adds every status, header and request header the route's kind implies that its decorators left out. */
export function completeOperation(path: string, method: string, operation: OperationObject): void {
  const kind = routeKindOf(path, method, operation);
  const responses = operation.responses as Record<string, ResponseObject>;
  for (const status of problemStatusesOf(kind)) {
    const existing = responses[status];
    const problem = problemResponse(status);
    responses[status] = existing ? { ...existing, content: { ...existing.content, ...problem.content } } : problem;
  }
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    const extra = PROBLEM_HEADERS[code];
    if (extra) addHeader(response, extra.name, extra.required);
    addHeader(response, 'RequestId', code >= 200 && code < 300 && !isEventStream(response));
    if (code >= 200 && code < 300) completeSuccess(kind, response);
  }
  if (kind.command) addParameter(operation, 'IdempotencyKey');
  if (kind.command && operation.requestBody === undefined) operation.requestBody = IGNORED_BODY;
  if (kind.honoursIfMatch) addParameter(operation, 'IfMatch');
}

/**
 * Every answer Fastify sends carries the request id; the event stream writes its own headers, and
 * a connection answered before its request was read (408, 431, a malformed request) has none.
 */
const isEventStream = (response: ResponseObject): boolean => response.content?.['text/event-stream'] !== undefined;

function completeSuccess(kind: RouteKind, response: ResponseObject): void {
  if (kind.command) addHeader(response, 'IdempotentReplayed', false);
  if (kind.applicationCommand || kind.readsOneApplication) addHeader(response, 'ETag', true);
  if (kind.applicationCommand) addHeader(response, 'Location', true);
  const location = response.headers?.[CONTRACT_HEADERS.Location];
  if (location && !('$ref' in location)) location.required = true;
}

function addHeader(response: ResponseObject, name: ContractHeader, required: boolean): void {
  const wireName = CONTRACT_HEADERS[name];
  const headers = (response.headers ??= {});
  if (headers[wireName] === undefined) headers[wireName] = contractHeader(name, required);
}

/** Replaces any inline declaration of the header (`@ApiHeader`) with the shared one. */
function addParameter(operation: OperationObject, name: keyof typeof CONTRACT_PARAMETERS): void {
  const wireName = CONTRACT_PARAMETERS[name].toLowerCase();
  const others = (operation.parameters ?? []).filter(
    (parameter: ParameterObject | ReferenceObject) =>
      '$ref' in parameter || parameter.in !== 'header' || parameter.name.toLowerCase() !== wireName,
  );
  operation.parameters = [...others, parameterRef(name)];
}
