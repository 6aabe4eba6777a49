import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../http/dto';

const MEANINGS: Record<number, string> = {
  400: 'Malformed or invalid input (or a body nested deeper than 32 levels); `errors` names every offending field',
  401: 'Missing or unknown API key',
  403: 'The key has none of the roles this route allows',
  404: 'Unknown application',
  409: 'State conflict (e.g. R2_ALREADY_DECIDED) or a reused Idempotency-Key (idempotency-key-reused)',
  412: 'If-Match names a revision the application has moved past; nothing was appended',
  408: 'The client did not send its request within HTTP_HEADERS_TIMEOUT_MS / HTTP_RECEIVE_TIMEOUT_MS',
  413: 'Body over the size limit',
  422: 'A rule of the program refuses the command; `code` is its RULES.md id',
  429: 'The caller sent more than RATE_LIMIT_BURST per second or RATE_LIMIT_PER_MINUTE per minute; nothing was done; retry after Retry-After',
  503: 'Storage is unavailable (answered within STORE_TIMEOUT_MS), the request outlived REQUEST_TIMEOUT_MS, or the service is shutting down; retry after Retry-After (commands with the same Idempotency-Key)',
};

export const COMMAND_PROBLEMS = [400, 401, 403, 404, 408, 409, 412, 413, 422, 429, 503];
export const QUERY_PROBLEMS = [400, 401, 403, 404, 408, 429, 503];

/** Documents the application/problem+json answers a route can give. */
export const ApiProblems = (statuses: readonly number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANINGS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
