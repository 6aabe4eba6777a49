import { automaticLetterDueAt, biometricsDueBy } from '../../biometrics/instruction-letter';
import { compareInstants, easternDateOf } from '../../dates/instant';
import { isAfter } from '../../dates/plain-date';
import { fail } from '../../errors/domain-error-codes';
import { biometricFeePaid, isOverCap } from '../case-queries';
import { requireInstantFrom, requireUndecided } from '../guards';
import type { ApplicationState, ReceivedApplication } from '../state';
import type {
  IssueBiometricInstructionLetter,
  RecordBiometricsEnrolment,
  BiometricInstructionLetterIssued,
  BiometricsEnrolled,
} from './biometrics.messages';
import type { Deciders } from '../registries';
import type { BiometricsCommand } from './biometrics.messages';

/** B1: the automatic letter goes to online applications with the biometric fee paid, 24 hours after receipt. */
function checkAutomaticConditions(state: ReceivedApplication, issuedAt: string): void {
  if (state.submission.channel !== 'online') fail('B1_NOT_ONLINE', 'The automatic BIL is only for online applications');
  if (!biometricFeePaid(state))
    fail('B1_BIOMETRIC_FEE_NOT_PAID', 'The biometric fee was not paid with the application');
  const dueAt = automaticLetterDueAt(state.receivedAt);
  if (compareInstants(issuedAt, dueAt) < 0) fail('B1_TOO_EARLY', `The automatic BIL is due at ${dueAt}`);
}

/**
 * B1 (automatic) or B4 (by an officer): the BIL, giving 30 days (B2). Never for an exempt applicant
 * (B3), an over-cap application (C5), or a withdrawn or decided one. A repeated automatic letter is a no-op.
 */
export function decideIssueBiometricInstructionLetter(
  { data }: IssueBiometricInstructionLetter,
  state: ApplicationState,
): readonly BiometricInstructionLetterIssued[] {
  const current = requireUndecided(state);
  const issuedAt = requireInstantFrom(data.issuedAt, current.receivedAt, 'issuedAt');
  if (!current.biometrics.required)
    fail('B3_BIOMETRICS_EXEMPT', `The applicant is exempt from biometrics (${current.biometrics.exemption})`);
  if (isOverCap(current)) fail('C5_OVER_CAP', 'The application is over the cap: its BIL is cancelled, not sent');
  if (current.biometrics.letter !== null) {
    if (data.automatic) return [];
    fail('B4_LETTER_ALREADY_ISSUED', 'A biometric instruction letter was already issued');
  }
  if (data.automatic) checkAutomaticConditions(current, issuedAt);
  return [
    {
      type: 'BiometricInstructionLetterIssued',
      data: { issuedAt, dueBy: biometricsDueBy(issuedAt), automatic: data.automatic },
    },
  ];
}

/** B2, B5: biometrics are enrolled in answer to a letter that was sent; `late` after its due date. */
export function decideRecordBiometricsEnrolment(
  { data }: RecordBiometricsEnrolment,
  state: ApplicationState,
): readonly BiometricsEnrolled[] {
  const current = requireUndecided(state);
  const letter = current.biometrics.letter;
  if (letter === null || letter.issuedAt === null || letter.dueBy === null || letter.cancelledAt !== null) {
    fail('B2_NO_INSTRUCTION_LETTER', 'No biometric instruction letter is outstanding');
  }
  if (current.biometrics.enrolledAt !== null)
    fail('B5_ALREADY_ENROLLED', `Biometrics were enrolled at ${current.biometrics.enrolledAt}`);
  const enrolledAt = requireInstantFrom(data.enrolledAt, letter.issuedAt, 'enrolledAt');
  return [
    {
      type: 'BiometricsEnrolled',
      data: { enrolledAt, location: data.location, late: isAfter(easternDateOf(enrolledAt), letter.dueBy) },
    },
  ];
}

/** The deciders of this use case, by command type. */
export const biometricsDeciders: Deciders<BiometricsCommand> = {
  IssueBiometricInstructionLetter: decideIssueBiometricInstructionLetter,
  RecordBiometricsEnrolment: decideRecordBiometricsEnrolment,
};
