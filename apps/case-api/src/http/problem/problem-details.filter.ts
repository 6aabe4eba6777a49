import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem-mapping';

/** Every error leaves as `application/problem+json`; a 5xx is logged without request data. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error, this.logger);
  }
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown, logger: Logger): void {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) {
    logger.error(`${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed (request ${request.id}): ${describe(error)}`);
  }
  void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown');
