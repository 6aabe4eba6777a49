import { assertNever } from '@app/kernel';
import { POLICY } from '../../policy/policy';
import { fail } from '../../errors/domain-error-codes';
import { amountOf } from '../../fees/fee-amounts';
import { feeScheduleOn } from '../../fees/fee-table';
import { findingsFor, screeningContextOf } from '../../screening/screen-application';
import { requireInstantFrom, requireSubmitted } from '../guards';
import type { Deciders } from '../registries';
import type { ApplicationState, SubmittedApplication } from '../state';
import { validateSubmissionDates } from '../submission-dates';
import { requireFieldValue, valueIn, withCorrection } from './corrected-values';
import type {
  ApplicantDetailsCorrected,
  CorrectApplicantDetails,
  CorrectionsCommand,
  FieldValue,
} from './corrections.messages';

/**
 * H4 (RULES.md is silent on when; our decision): details are corrected while the application is
 * open and after an approval until the permit is issued (the permit then uses them). A refused,
 * withdrawn, cancelled or returned case is closed: 409 H4_CASE_CLOSED. Once the permit is issued a
 * correction would be an amendment of the permit, which is out of scope: 409 H4_PERMIT_ISSUED.
 */
function requireCorrectable(state: ApplicationState): SubmittedApplication {
  const current = requireSubmitted(state);
  switch (current.status) {
    case 'received':
    case 'approved':
      return current;
    case 'permit-issued':
      return fail('H4_PERMIT_ISSUED', 'The work permit was already issued: amending it is out of scope');
    case 'refused':
    case 'withdrawn':
    case 'cancelled-over-cap':
    case 'returned-over-cap':
      return fail('H4_CASE_CLOSED', `The application is ${current.status}`);
    default:
      return assertNever(current, 'application state');
  }
}

/**
 * M11, $1: what the rest of the family had paid in biometric fees at receipt, as the fee then owed
 * shows it (the receipt recorded the fee owed, not the family's payments): a fee below the
 * schedule's is what was left of the family maximum; otherwise nothing counted.
 */
function familyBiometricFeesPaidOf({ biometrics, feesOwed, receivedOn }: SubmittedApplication): number {
  const owed = amountOf(feesOwed, 'biometrics');
  if (!biometrics.required || owed >= feeScheduleOn(receivedOn).biometrics) return 0;
  return POLICY.familyBiometricFeeMaximum - owed;
}

/**
 * H4: an officer records the corrected value of one applicant detail with a reason. The corrected
 * submission must be possible as at its receipt (T1), and screening runs again on it exactly as at
 * receipt (M10: a family member's principal's conditions stay not applicable; M3 with the
 * principal's snapshot taken then; B3 and fees on the receipt date).
 */
export function decideCorrectApplicantDetails(
  { data }: CorrectApplicantDetails,
  state: ApplicationState,
): readonly ApplicantDetailsCorrected[] {
  const current = requireCorrectable(state);
  const correctedAt = requireInstantFrom(data.correctedAt, current.receivedAt, 'correctedAt');
  if (typeof data.reason !== 'string' || data.reason.trim() === '')
    fail('H4_REASON_REQUIRED', 'A correction gives its reason');
  const correction: FieldValue = requireFieldValue(data);
  const previous = valueIn(current.submission, correction.field);
  if (JSON.stringify(previous) === JSON.stringify(correction.value))
    fail('H4_UNCHANGED', `The corrected ${correction.field} is the one already recorded`);
  const submission = withCorrection(current.submission, correction);
  validateSubmissionDates(submission, current.receivedOn);
  const context = screeningContextOf(submission, current.receivedAt, {
    principal: current.principal,
    familyBiometricFeesPaid: familyBiometricFeesPaidOf(current),
  });
  const { reason, officerId } = data;
  const outcome = { reason, correctedAt, officerId, screening: findingsFor(context), feesOwed: context.feesOwed };
  return [
    {
      type: 'ApplicantDetailsCorrected',
      data: {
        ...correction,
        previous,
        ...outcome,
        biometrics: context.biometrics,
      } as ApplicantDetailsCorrected['data'],
    },
  ];
}

/** The deciders of this use case, by command type. */
export const correctionsDeciders: Deciders<CorrectionsCommand> = {
  CorrectApplicantDetails: decideCorrectApplicantDetails,
};
