import { addMonthsClamped, isAfter, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { Csq } from '../submission/submission';
import { check, failed, passed, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

/** E4: the last day a CSQ is valid without a PR application (24 months from issue, same day of month). */
export const csqExpiresOn = (csq: Csq): PlainDate => addMonthsClamped(csq.issuedOn, POLICY.csqValidityMonths);

/**
 * E4: holds a CSQ, and either (a) it is valid and no PR application was filed yet, or (b) a PR
 * application was filed before the CSQ expired and is still in progress.
 */
export function screenCsqValidity({ submission, receivedOn }: ScreeningContext): Finding {
  const { csq, prApplication: pr } = submission;
  if (!csq) return failed('E4', 'no CSQ');
  const expiresOn = csqExpiresOn(csq);
  if (!pr) {
    return check(
      'E4',
      !isAfter(receivedOn, expiresOn),
      `CSQ valid until ${expiresOn}, no PR application filed`,
      `CSQ expired on ${expiresOn} and no PR application was filed`,
    );
  }
  if (pr.status !== 'in-progress') return failed('E4', `PR application is ${pr.status}, not in progress`);
  if (isAfter(pr.submittedOn, expiresOn)) {
    return failed('E4', `PR application filed ${pr.submittedOn}, after the CSQ expired on ${expiresOn}`);
  }
  return passed('E4', `PR application filed ${pr.submittedOn}, before the CSQ expired on ${expiresOn}, in progress`);
}

/** E5: the CSQ was obtained as a skilled worker (PRTQ or the AI, IT and visual-effects pilot). */
export function screenCsqCategory({ submission }: ScreeningContext): Finding {
  const csq = submission.csq;
  if (!csq) return failed('E5', 'no CSQ');
  return check(
    'E5',
    csq.category === 'regular-skilled-worker' || csq.category === 'pilot-ai-it-vfx',
    `CSQ obtained as a skilled worker (${csq.category})`,
    `CSQ not in a skilled-worker category (${csq.category})`,
  );
}
