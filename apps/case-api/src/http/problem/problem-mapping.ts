import { HttpException } from '@nestjs/common';
import { isDomainError, type DomainErrorKind } from '@app/kernel';
import {
  AppendTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
} from '@app/event-store';
import { ConcurrencyExhaustedError, PreconditionFailedError } from '@app/application';
import { ProblemError, RequestValidationError, problemType, titleOf, type Problem } from './problem';

export type MappedProblem = Readonly<{ problem: Problem; headers: Record<string, string> }>;

const DOMAIN_STATUS: Record<DomainErrorKind, number> = { rule: 422, conflict: 409, 'not-found': 404 };

/** Turns anything thrown while serving a request into the problem the client gets. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof ProblemError) return { problem: error.problem, headers: { ...error.headers } };
  if (error instanceof RequestValidationError) {
    return plain(400, 'validation-error', 'The request is not valid: see errors for every offending field', {
      errors: error.errors,
    });
  }
  if (isDomainError(error)) {
    return plain(DOMAIN_STATUS[error.kind], slug(error.code), error.message, { code: error.code });
  }
  if (error instanceof PreconditionFailedError) {
    return plain(
      412,
      'revision-mismatch',
      `${error.message}: read the application again and retry with its current ETag`,
      { code: 'REVISION_MISMATCH' },
    );
  }
  if (error instanceof ConcurrencyExhaustedError) {
    return withHeaders(
      plain(409, 'concurrent-modification', `${error.message}; retry the request`, { code: 'CONCURRENT_MODIFICATION' }),
      { 'retry-after': '1' },
    );
  }
  if (error instanceof StoreUnavailableError) {
    return withHeaders(
      plain(
        503,
        'store-unavailable',
        `Storage is unavailable, nothing was lost: ${error.message}; retry after Retry-After`,
      ),
      { 'retry-after': '5' },
    );
  }
  const refusal = storeRefusal(error);
  if (refusal) return refusal;
  if (error instanceof HttpException) return fromHttpException(error);
  const status = statusOfFrameworkError(error);
  if (status) return plain(status, `http-${status}`, (error as Error).message);
  return plain(500, 'internal-error', 'The server failed to handle the request; it has been logged');
}

/**
 * The store's non-retryable refusals: no Retry-After, since the same request fails the same way.
 * Access denied is the deployment's fault (its credentials), so 503 rather than 403 to the caller.
 */
function storeRefusal(error: unknown): MappedProblem | null {
  if (error instanceof StoreAccessDeniedError) {
    return plain(
      503,
      'store-access-denied',
      'Storage refused this service access; an operator must fix its credentials',
    );
  }
  if (error instanceof AppendTooLargeError) {
    return plain(413, 'append-too-large', `${error.message}; nothing was stored`);
  }
  if (error instanceof StreamDeletedError) {
    return plain(410, 'stream-deleted', 'The record was deleted from storage: it can be neither read nor changed');
  }
  return null;
}

function fromHttpException(error: HttpException): MappedProblem {
  const status = error.getStatus();
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  return plain(status, `http-${status}`, detail);
}

/** Fastify's own errors (unparseable JSON, body too large, unsupported media type) carry a 4xx statusCode. */
function statusOfFrameworkError(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function plain(status: number, typeSlug: string, detail: string, extra: Partial<Problem> = {}): MappedProblem {
  return { problem: { type: problemType(typeSlug), title: titleOf(status), status, detail, ...extra }, headers: {} };
}

const withHeaders = (mapped: MappedProblem, headers: Record<string, string>): MappedProblem => ({
  ...mapped,
  headers: { ...mapped.headers, ...headers },
});

const slug = (code: string): string => code.toLowerCase().replace(/_/g, '-');
