import { intakeYearOf } from '../../cap/intake';
import { easternDateOf } from '../../dates/instant';
import { fail } from '../../errors/domain-error-codes';
import { findingsFor, screeningContextOf } from '../../screening/screen-application';
import { routingOf } from '../../screening/forms.screening';
import { asStored } from '../as-stored';
import { requireInstant } from '../guards';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';
import type { ApplicationState } from '../state';
import { isFamilyMember, type Submission } from '../../submission/submission';
import { requireProgramOpen, validateSubmissionDates } from '../submission-dates';
import { validateSubmission } from './submission-validation';
import type { SubmitApplication, ApplicationReceived } from './submit.messages';
import type { Deciders } from '../registries';
import type { SubmitCommand } from './submit.messages';

/** M1: a family member names its principal and comes with the principal's snapshot; a principal has neither. */
function principalOf(
  applicationId: string,
  submission: Submission,
  principal: PrincipalSnapshot | null | undefined,
): PrincipalSnapshot | null {
  if (!isFamilyMember(submission)) {
    if (submission.principalApplicationId !== undefined || principal) {
      fail('M1_PRINCIPAL_NOT_EXPECTED', "A principal's application does not name a principal application");
    }
    return null;
  }
  if (!submission.principalApplicationId || !principal) {
    fail('M1_PRINCIPAL_REQUIRED', `A ${submission.applicantType}'s application names its principal's application`);
  }
  if (principal.applicationId !== submission.principalApplicationId || principal.applicationId === applicationId) {
    fail(
      'M1_PRINCIPAL_MISMATCH',
      `The snapshot is of ${principal.applicationId}, not of principal ${submission.principalApplicationId}`,
    );
  }
  return principal;
}

/** M11, $1: what the rest of the family already paid in biometric fees is an amount (0 when unknown). */
function familyBiometricFeesPaidOf(amount: number | undefined): number {
  if (amount === undefined) return 0;
  if (!(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)) {
    fail('$1_INVALID_FEE_AMOUNT', `familyBiometricFeesPaid is not a non-negative amount: ${String(amount)}`);
  }
  return amount;
}

/**
 * Receipt: every application that is not structurally impossible (P3, T1, $1) is received and, for
 * principals, counted (C2, $3); screening records findings and never refuses.
 */
export function decideSubmit({ data }: SubmitApplication, state: ApplicationState): readonly ApplicationReceived[] {
  if (state.status !== 'new')
    fail('APPLICATION_ALREADY_SUBMITTED', `Application ${data.applicationId} was already submitted`);
  const receivedAt = requireInstant(data.receivedAt, 'receivedAt');
  const receivedOn = easternDateOf(receivedAt);
  requireProgramOpen(receivedOn);
  validateSubmission(data.submission);
  validateSubmissionDates(data.submission, receivedOn);
  const submission = asStored(data.submission);
  const principal = principalOf(data.applicationId, submission, data.principal);
  const familyBiometricFeesPaid = familyBiometricFeesPaidOf(data.familyBiometricFeesPaid);
  const context = screeningContextOf(submission, receivedAt, { principal, familyBiometricFeesPaid });
  const countsAgainstCap = !isFamilyMember(submission);
  return [
    {
      type: 'ApplicationReceived',
      data: {
        applicationId: data.applicationId,
        receivedAt,
        receivedOn: context.receivedOn,
        submission,
        principal: principal ? asStored(principal) : null,
        screening: findingsFor(context),
        routing: routingOf(submission.form),
        feesOwed: context.feesOwed,
        biometrics: context.biometrics,
        countsAgainstCap,
        intakeYear: countsAgainstCap ? intakeYearOf(receivedAt) : null,
      },
    },
  ];
}

/** The deciders of this use case, by command type. */
export const submitDeciders: Deciders<SubmitCommand> = { SubmitApplication: decideSubmit };
