import { addHours, easternDateOf, type Instant } from '../dates/instant';
import { addDays, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';

/** BIL (biometric instruction letter): IRCC's letter telling the applicant to give fingerprints and photo. */
export type BiometricInstructionLetter = Readonly<{
  /** Null when the automatic letter was cancelled before it was sent (C5). */
  issuedAt: Instant | null;
  dueBy: PlainDate | null;
  automatic: boolean;
  cancelledAt: Instant | null;
}>;

/** B2: the last day to give biometrics, counted from the letter's Eastern issue date. */
export const biometricsDueBy = (issuedAt: Instant): PlainDate =>
  addDays(easternDateOf(issuedAt), POLICY.biometricsDueDays);

/** B1: when the automatic letter of an application received at `receivedAt` is due. */
export const automaticLetterDueAt = (receivedAt: Instant): Instant =>
  addHours(receivedAt, POLICY.automaticBilDelayHours);
