import { addDays, isBefore, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import { residesInCanada, type InCanadaStatus } from '../submission/submission';
import { check, failed, notApplicable, passed, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';
import { hasDocument } from './document-kinds';

/** E1: submitted online; paper only for applicants exempt from online filing. */
export function screenChannel({ submission }: ScreeningContext): Finding {
  if (submission.channel === 'online') return passed('E1', 'submitted online');
  return check(
    'E1',
    submission.exemptFromOnlineFiling === true,
    'paper application from an applicant exempt from online filing',
    'paper application from an applicant not exempt from online filing',
  );
}

/** E2: resides outside Canada, or in a province or territory other than Quebec. */
export function screenResidence({ submission }: ScreeningContext): Finding {
  const { country, province } = submission.residence;
  if (!residesInCanada(submission)) return passed('E2', `resides outside Canada (${country})`);
  const code = province?.trim().toUpperCase();
  if (!code) return failed('E2', 'resides in Canada but the province of residence is not stated');
  return check('E2', code !== 'QC', `resides in Canada outside Quebec (${code})`, 'resides in Quebec at receipt');
}

/** E3: intends to work and reside in Quebec, with documents showing that intent. */
export function screenIntentToResideInQuebec({ submission }: ScreeningContext): Finding {
  if (!submission.intendsToResideInQuebec) return failed('E3', 'does not declare an intent to reside in Quebec');
  return check(
    'E3',
    hasDocument(submission, 'intent-to-reside'),
    'declares an intent to reside in Quebec, with documents',
    'declares an intent to reside in Quebec, without documents showing it',
  );
}

function inCanadaStatusFinding(status: InCanadaStatus, receivedOn: PlainDate): Finding {
  if (!status.validTo) return failed('E7', `${status.kind} status without an end date`);
  if (status.kind === 'restoration') {
    const lastDay = addDays(status.validTo, POLICY.restorationPeriodDays);
    return check(
      'E7',
      !isBefore(lastDay, receivedOn),
      `eligible for restoration: status ended ${status.validTo}, restoration possible until ${lastDay}`,
      `not eligible for restoration: status ended ${status.validTo}, restoration possible until ${lastDay}`,
    );
  }
  return check(
    'E7',
    !isBefore(status.validTo, receivedOn),
    `valid ${status.kind} status until ${status.validTo}`,
    `${status.kind} status expired on ${status.validTo}, and restoration is not requested`,
  );
}

/** E7: an in-Canada applicant holds valid temporary resident status or is eligible for restoration. */
export function screenInCanadaStatus({ submission, receivedOn }: ScreeningContext): Finding {
  if (!residesInCanada(submission)) return notApplicable('E7', 'applies from outside Canada');
  if (!submission.inCanadaStatus) return failed('E7', 'applies from inside Canada without a temporary resident status');
  return inCanadaStatusFinding(submission.inCanadaStatus, receivedOn);
}

/** E8: not at a port of entry, not an R206 open work permit holder, no PR application already decided. */
export function screenIneligibleCategories({ submission }: ScreeningContext): Finding {
  const reasons = [
    submission.portOfEntry ? 'applied at a port of entry' : null,
    submission.inCanadaStatus?.kind === 'r206-open-work-permit' ? 'holds an R206 open work permit' : null,
    submission.prApplication && submission.prApplication.status !== 'in-progress'
      ? `PR application already ${submission.prApplication.status}`
      : null,
  ].filter((reason): reason is string => reason !== null);
  return check(
    'E8',
    reasons.length === 0,
    'not at a port of entry, no R206 open work permit, no PR application already decided',
    reasons.join('; '),
  );
}
