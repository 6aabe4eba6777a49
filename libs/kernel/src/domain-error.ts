/**
 * How the edge should read a refusal:
 * - `rule`: a business rule refuses the command (HTTP 422);
 * - `conflict`: the command does not fit the current state, e.g. `R2_ALREADY_DECIDED` (HTTP 409);
 * - `not-found`: the thing the command is about does not exist (HTTP 404).
 */
export type DomainErrorKind = 'rule' | 'conflict' | 'not-found';

/**
 * A refusal by the domain. `code` is stable and starts with the shared/RULES.md id it enforces
 * (`R1_REASONS_REQUIRED`, `I2_PASSPORT_EXPIRED`), so an auditor can trace it to the rulebook.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule',
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
