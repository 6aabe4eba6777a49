import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maskPersonalValues, personalValuesIn } from '@app/personal-data';
import { answeredByTimeout } from '../limits/timed-out-requests';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import { toProblem } from './problem-mapping';

/**
 * Every error leaves as `application/problem+json`; a 5xx is logged without request data. Neither
 * the body nor the log line repeats a personal value of the request (docs/privacy.md), even when
 * the message it was built from quotes one.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    // A read answered 503 request-timeout (`enforceReadTimeout`) that fails later is not answered twice.
    if (answeredByTimeout(http.getRequest<FastifyRequest>())) return;
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error, this.logger);
  }
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown, logger: Logger): void {
  const personal = personalValuesIn(request.body);
  const mapped = toProblem(error);
  const problem = withoutPersonalValues(mapped.problem, personal);
  if (problem.status >= 500) {
    const failure = maskPersonalValues(describe(error), personal);
    logger.error(
      `${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed (request ${request.id}): ${failure}`,
    );
  }
  // A command may have set the ETag and Location of its success before the failure (its idempotency
  // record could not be stored): they describe no representation of this problem (RFC 9110 §8.8.3).
  for (const header of SUCCESS_HEADERS) reply.removeHeader(header);
  void reply.status(problem.status).headers(mapped.headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

const SUCCESS_HEADERS = ['etag', 'location'] as const;

function withoutPersonalValues(problem: Problem, personal: readonly string[]): Problem {
  if (personal.length === 0) return problem;
  const masked = { ...problem, detail: maskPersonalValues(problem.detail, personal) };
  if (!problem.errors) return masked;
  return {
    ...masked,
    errors: problem.errors.map((entry) => ({
      field: entry.field,
      message: maskPersonalValues(entry.message, personal),
    })),
  };
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
