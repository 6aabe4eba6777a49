import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PATH_PARAM_LENGTH, MAX_URL_LENGTH } from '../input/input-limits';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemType, titleOf } from '../problem/problem';
import { methodNotAllowedProblem, uriTooLongProblem } from './limit-problems';

const malformedUrlProblem = (): ProblemError =>
  new ProblemError({
    type: problemType('malformed-url'),
    title: titleOf(400),
    status: 400,
    detail: 'The request URL is not valid percent-encoded UTF-8; nothing was done',
    errors: [{ field: 'path', message: 'must be valid percent-encoded UTF-8' }],
  });

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs — a path
 * parameter over MAX_PATH_PARAM_LENGTH (414), a URL that does not decode (400) — is answered as
 * problem+json, without repeating the URL, instead of Fastify's own JSON that echoes it.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { problem, headers } =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? uriTooLongProblem(`${MAX_PATH_PARAM_LENGTH} characters in a path segment`)
      : malformedUrlProblem();
  void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Refuses a URL over MAX_URL_LENGTH (414) and, for a path no route serves with the request's
 * method but others do, answers 405 with `Allow` instead of Fastify's 404 (RFC 9110 §15.5.6).
 * Both run in `onRequest`, before authentication: neither reveals more than the API document.
 */
export function guardRequestTargets(fastify: FastifyInstance): void {
  const methods = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) methods.add(method);
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) return done(uriTooLongProblem(`${MAX_URL_LENGTH} characters`));
    const allowed = request.is404 ? methodsServing(fastify, methods, request.url.split('?', 1)[0]) : [];
    done(allowed.length > 0 ? methodNotAllowedProblem(request.method, allowed) : undefined);
  });
}

const methodsServing = (fastify: FastifyInstance, methods: ReadonlySet<string>, path: string): string[] =>
  [...methods].filter((method) => fastify.findRoute({ method, url: path }) !== null).sort();
