/** The caller pinned a revision (If-Match) and the stream has moved on: nothing was appended. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';

  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(`${stream} is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}

/** Others kept appending to the stream; the bounded retries ran out. Safe to retry later. */
export class ConcurrencyExhaustedError extends Error {
  override readonly name = 'ConcurrencyExhaustedError';

  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`${stream}: still conflicting after ${attempts} attempts`);
  }
}
