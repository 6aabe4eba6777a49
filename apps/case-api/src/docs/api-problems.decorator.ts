import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../http/dto/problem.dto';
import {
  MAX_BODY_DEPTH,
  MAX_BODY_MEMBERS,
  MAX_PATH_PARAM_LENGTH,
  MAX_STRING_UNITS,
  MAX_URL_LENGTH,
} from '../http/input/input-limits';

/** What each problem status means on this API: the description of every documented problem response. */
export const PROBLEM_MEANINGS: Record<number, string> = {
  400:
    'Malformed or invalid input; `errors` names every offending field by its path, never its value. Refused in any body or query before it is read: ' +
    `a number out of range (1e309), nesting deeper than ${MAX_BODY_DEPTH} levels, an object or array of over ${MAX_BODY_MEMBERS} members, ` +
    `a string of over ${MAX_STRING_UNITS} UTF-16 code units, control characters (other than tab and line breaks in free text), ` +
    'bidi overrides and isolates, unpaired surrogates, ' +
    'a property named like an Object.prototype member (toString, __proto__…), and a body that is not a JSON object (null, an array)',
  401: 'Missing or unknown API key',
  403: 'The key has none of the roles this route allows',
  404: 'Unknown application',
  405: 'The path takes other methods, listed in Allow. A path parameter of `.` or `..` is one way to meet it: clients that remove dot segments from URLs (RFC 3986 §5.2.4; WHATWG URL, fetch) send another path than the one written, e.g. POST /v1/applications/./approval arrives as POST /v1/applications/approval',
  409: 'State conflict (e.g. R2_ALREADY_DECIDED) or a reused Idempotency-Key (idempotency-key-reused)',
  410: "The application's record was deleted from storage (KurrentDB): it can be neither read nor changed",
  412: 'If-Match names a revision the application has moved past, or only weak or foreign entity tags (compared strongly, RFC 9110); nothing was appended',
  408: 'The client did not send its request within HTTP_HEADERS_TIMEOUT_MS / HTTP_RECEIVE_TIMEOUT_MS',
  413: 'Body over the size limit',
  414: `URL over ${MAX_URL_LENGTH} characters, or a path segment over ${MAX_PATH_PARAM_LENGTH}`,
  415: 'A body that is not application/json (UTF-8); a route whose fields are all optional also takes no body at all',
  422: 'A rule of the program refuses the command; `code` is its RULES.md id',
  431: 'Request headers over 16 KiB (the connection is closed)',
  429: 'The caller sent more than RATE_LIMIT_BURST per second or RATE_LIMIT_PER_MINUTE per minute; nothing was done; retry after Retry-After',
  503: 'Storage is unavailable (answered within STORE_TIMEOUT_MS), the request outlived REQUEST_TIMEOUT_MS, the service is shutting down, or a reveal of personal data could not be recorded in the access log; retry after Retry-After (commands with the same Idempotency-Key)',
};

export const COMMAND_PROBLEMS = [400, 401, 403, 404, 408, 409, 412, 413, 414, 415, 422, 429, 431, 503];
export const QUERY_PROBLEMS = [400, 401, 403, 404, 408, 414, 429, 431, 503];
/** A POST that reads no body still parses one sent to it: malformed JSON is a 400, another media type a 415. */
export const BODYLESS_COMMAND_PROBLEMS = [400, 415];

/** Documents the application/problem+json answers a route can give. */
export const ApiProblems = (statuses: readonly number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_MEANINGS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
