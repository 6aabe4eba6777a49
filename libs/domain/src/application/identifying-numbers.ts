import type { Submission } from './submission';

/** What replaces an identifying number in a text shown to callers (docs/privacy.md). */
export const REDACTED_NUMBER = '[redacted]';

/** Shorter values cannot single anyone out, and masking them would garble dates and counts. */
const MIN_MASKED_LENGTH = 3;

/**
 * The submission's own identifying numbers (docs/privacy.md): passport, CSQ, invitation letter and
 * PR application, longest first so that a number inside a longer one is never left half-masked.
 */
export function identifyingNumbersOf(submission: Submission): readonly string[] {
  const { applicant, csq, invitationLetter, prApplication } = submission;
  return [applicant.passport.number, csq?.number, invitationLetter?.number, prApplication?.number]
    .filter((value) => value !== undefined && value !== null)
    .map((value) => String(value).trim())
    .filter((value) => value.length >= MIN_MASKED_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/**
 * `text` with every occurrence of `numbers` (from `identifyingNumbersOf`) replaced by `[redacted]`.
 * Screening details recorded before they stopped quoting numbers still hold them in stored events.
 */
export function maskIdentifyingNumbers(text: string, numbers: readonly string[]): string {
  return numbers.reduce((masked, value) => masked.split(value).join(REDACTED_NUMBER), text);
}
