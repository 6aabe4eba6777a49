import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../http/dto';

const MEANINGS: Record<number, string> = {
  400: 'Malformed or invalid input; `errors` names every offending field',
  401: 'Missing or unknown API key',
  403: 'The key has none of the roles this route allows',
  404: 'Unknown application',
  409: 'State conflict (e.g. R2_ALREADY_DECIDED) or a reused Idempotency-Key (idempotency-key-reused)',
  412: 'If-Match names a revision the application has moved past; nothing was appended',
  413: 'Body over the size limit',
  422: 'A rule of the program refuses the command; `code` is its RULES.md id',
  503: 'The event store is unavailable (answered within STORE_TIMEOUT_MS); retry after Retry-After',
};

export const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 412, 413, 422, 503];
export const QUERY_PROBLEMS = [400, 401, 403, 404, 503];

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
