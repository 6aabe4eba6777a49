import type { HeaderObject, ParameterObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../http/idempotency/idempotency-key';
import { PROBLEM_MEANINGS } from './api-problems.decorator';

/** A header the contract names: its component name and wire name. */
export const CONTRACT_HEADERS = {
  ETag: 'ETag',
  Location: 'Location',
  RetryAfter: 'Retry-After',
  IdempotentReplayed: 'Idempotent-Replayed',
  RequestId: 'X-Request-Id',
  Allow: 'Allow',
} as const;
export type ContractHeader = keyof typeof CONTRACT_HEADERS;

/** Request headers the server reads on commands. */
export const CONTRACT_PARAMETERS = { IdempotencyKey: 'Idempotency-Key', IfMatch: 'If-Match' } as const;
export type ContractParameter = keyof typeof CONTRACT_PARAMETERS;

/** `"<revision>"`: the only entity tags this API issues (API.md "Concurrency"). */
const ENTITY_TAG_PATTERN = '^"(0|[1-9][0-9]{0,14})"$';

const HEADERS: Record<ContractHeader, HeaderObject> = {
  ETag: {
    description: 'The revision of the application after this answer, as a strong entity tag: send it as If-Match.',
    schema: { type: 'string', pattern: ENTITY_TAG_PATTERN, example: '"7"' },
  },
  Location: {
    description: 'Where the resource this answer is about can be read.',
    schema: { type: 'string', pattern: '^/', example: '/v1/applications/3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' },
  },
  RetryAfter: {
    description: 'Whole seconds to wait before retrying (at least 1).',
    schema: { type: 'integer', minimum: 1, example: 5 },
  },
  IdempotentReplayed: {
    description:
      'Present when the answer is the one stored for this Idempotency-Key: nothing was done again (same status, body, ETag and Location as the first time).',
    schema: { type: 'string', enum: ['true'] },
  },
  RequestId: {
    description:
      "This request's id, chosen by the server: it names the request in the service's logs, and a command's events carry it as their correlation id. Quote it when reporting a problem. Sent on every answer, except the event stream and a connection answered before its request was read (a 408, 431 or malformed request).",
    schema: { type: 'string', format: 'uuid' },
  },
  Allow: {
    description: 'The methods this path takes (RFC 9110 §10.2.1), e.g. `GET, HEAD`.',
    schema: { type: 'string', example: 'GET, HEAD' },
  },
};

const PARAMETERS: Record<ContractParameter, ParameterObject> = {
  IdempotencyKey: {
    name: CONTRACT_PARAMETERS.IdempotencyKey,
    in: 'header',
    required: false,
    description: `1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, scoped to the caller's key. A retry with the same key, path and body gets the first answer back (Idempotent-Replayed: true) and appends nothing; the same key with another request is a 409 idempotency-key-reused.`,
    schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH, pattern: '^[\\x21-\\x7e]+$' },
  },
  IfMatch: {
    name: CONTRACT_PARAMETERS.IfMatch,
    in: 'header',
    required: false,
    description:
      'Pins the command to the revision it was decided on: the ETag as received (`"7"`), or `*` for any. Compared strongly (RFC 9110): a weak tag (W/"7") never matches. A revision the record has moved past, or a list naming no strong tag of ours, is a 412 and nothing is appended; a value that is not a list of entity tags, or names two revisions, is a 400.',
    schema: { type: 'string', minLength: 1, example: '"7"' },
  },
};

/** The request headers every command shares, as components the operations refer to. */
export const contractParameters = (): Record<string, ParameterObject> => ({ ...PARAMETERS });

/** A response header; `required` when the server sends it on every answer of that status. */
export const contractHeader = (name: ContractHeader, required: boolean): HeaderObject => ({
  ...HEADERS[name],
  required,
});

export const parameterRef = (name: ContractParameter): ReferenceObject => ({ $ref: `#/components/parameters/${name}` });

/** A problem+json response for a status the route can answer, described as on every route. */
export function problemResponse(status: number): ResponseObject {
  return {
    description: PROBLEM_MEANINGS[status] ?? `A ${status} problem`,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  };
}
