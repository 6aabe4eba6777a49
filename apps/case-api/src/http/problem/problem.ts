/** An `application/problem+json` body (RFC 9457) as shared/API.md describes it. */
export type Problem = Readonly<{
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The RULES.md id of a refusing rule, or a stable conflict code. */
  code?: string;
  errors?: readonly FieldError[];
}>;

export type FieldError = Readonly<{ field: string; message: string }>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (slug: string): string => `urn:impplus:problem:${slug}`;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export const titleOf = (status: number): string => TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');

/** Input the edge refuses before any command runs; each offending field is named. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';

  constructor(readonly errors: readonly FieldError[]) {
    super(`Invalid request: ${errors.map((error) => error.field).join(', ')}`);
  }
}

/** A fully formed problem to send as it is, with optional extra headers (Retry-After…). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
  }
}
