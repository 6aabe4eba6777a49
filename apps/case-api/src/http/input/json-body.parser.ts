import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError, RequestValidationError, problemType, titleOf } from '../problem/problem';
import { inputFaults } from './input-faults';

/** The one media type a request body may have (RFC 8259: JSON exchanged between systems is UTF-8). */
export const JSON_MEDIA_TYPE = 'application/json';

const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const unsupportedMediaType = (): ProblemError =>
  new ProblemError({
    type: problemType('unsupported-media-type'),
    title: titleOf(415),
    status: 415,
    detail: `A request body must be sent as Content-Type: ${JSON_MEDIA_TYPE} (UTF-8); nothing was done`,
  });

const malformed = (message: string): ProblemError =>
  new ProblemError({
    type: problemType('malformed-json'),
    title: titleOf(400),
    status: 400,
    detail: 'The request body is not JSON this API can read; nothing was done',
    errors: [{ field: '', message }],
  });

function charsetOf(request: FastifyRequest): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '');
  return match ? match[1].toLowerCase() : null;
}

/**
 * Parses a JSON body and refuses, before anything else reads it (the idempotency record hashes
 * it, validation transforms it), what no route accepts: bytes that are not UTF-8, text that is not
 * JSON, a body that is not an object, and every fault `inputFaults` finds, each named by its path.
 * An empty body is no body: a route whose fields are all optional reads it as `{}`.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw malformed('must be encoded as UTF-8');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed('must be valid JSON (RFC 8259)');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError([{ field: '', message: 'the request body must be a JSON object' }]);
  }
  const faults = inputFaults(body);
  if (faults.length > 0) throw new RequestValidationError(faults);
  return body;
}

/**
 * Replaces every body parser (Fastify's text/plain, Nest's form-urlencoded) by the JSON one: any
 * other media type, a charset other than UTF-8, or a body without a Content-Type is a 415. A
 * request to no route is left to its 404.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'buffer' }, (request, raw, done) => {
    const charset = charsetOf(request);
    if (charset !== null && !UTF8_CHARSETS.has(charset)) return done(unsupportedMediaType(), undefined);
    try {
      done(null, parseJsonBody(raw as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if (request.is404) done(null, undefined);
    else done(unsupportedMediaType(), undefined);
  });
}
