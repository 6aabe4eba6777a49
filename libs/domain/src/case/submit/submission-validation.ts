import { fail } from '../../errors/domain-error-codes';
import { FEE_ITEMS } from '../../fees/fee-amounts';
import { feesPaidOf } from '../../fees/fees-owed';
import { requireDate } from '../guards';
import type { Submission } from '../../submission/submission';

function datesOf(submission: Submission): ReadonlyArray<readonly [field: string, value: string | undefined]> {
  const { applicant, inCanadaStatus, csq, invitationLetter, prApplication } = submission;
  return [
    ['applicant.dateOfBirth', applicant.dateOfBirth],
    ['applicant.passport.expiresOn', applicant.passport.expiresOn],
    ['applicant.biometricsGivenOn', applicant.biometricsGivenOn],
    ['inCanadaStatus.validTo', inCanadaStatus?.validTo],
    ['csq.issuedOn', csq?.issuedOn],
    ['invitationLetter.issuedOn', invitationLetter?.issuedOn],
    ['invitationLetter.receivedOn', invitationLetter?.receivedOn],
    ['prApplication.submittedOn', prApplication?.submittedOn],
    ['prApplication.aorReceivedOn', prApplication?.aorReceivedOn],
  ];
}

/**
 * T1, $1: only structurally impossible input is refused at receipt (a date that is not a date, a
 * negative fee). Everything else is received and screened.
 */
export function validateSubmission(submission: Submission): void {
  for (const [field, value] of datesOf(submission)) if (value !== undefined) requireDate(value, field);
  const paid = feesPaidOf(submission.fees);
  for (const item of FEE_ITEMS) {
    const amount = paid[item];
    if (amount !== undefined && !(typeof amount === 'number' && Number.isFinite(amount) && amount >= 0)) {
      fail('$1_INVALID_FEE_AMOUNT', `fees.${item} is not a non-negative amount: ${String(amount)}`);
    }
  }
}
