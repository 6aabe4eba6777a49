import { describeAmounts, pickAmounts, shortfall } from '../fees/fee-amounts';
import { feesPaidOf } from '../fees/fees-owed';
import { check, notApplicable, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

const STANDARD_FEES = ['processing', 'openWorkPermitHolder', 'biometrics'] as const;

/** $1: the processing, open work permit holder and biometric fees owed were paid. */
export function screenStandardFees({ submission, feesOwed }: ScreeningContext): Finding {
  const owed = pickAmounts(feesOwed, STANDARD_FEES);
  const missing = shortfall(owed, feesPaidOf(submission.fees));
  return check(
    '$1',
    Object.keys(missing).length === 0,
    `paid ${describeAmounts(owed)}`,
    `owes ${describeAmounts(owed)}; missing ${describeAmounts(missing)}`,
  );
}

/** $2: an applicant restoring status paid the restoration fee in force on the receipt date. */
export function screenRestorationFee({ submission, feesOwed }: ScreeningContext): Finding {
  const owed = feesOwed.restoration;
  if (owed === undefined) return notApplicable('$2', 'not restoring status');
  const paid = submission.fees.restoration ?? 0;
  const missing = shortfall({ restoration: owed }, { restoration: paid });
  return check('$2', missing.restoration === undefined, `restoration fee ${owed} paid`, `restoration fee ${owed} owed, ${paid} paid`);
}

/** $3: an application without every fee it owes is incomplete (it is still received and counted). */
export function screenCompleteness({ submission, feesOwed }: ScreeningContext): Finding {
  const missing = shortfall(feesOwed, feesPaidOf(submission.fees));
  return check(
    '$3',
    Object.keys(missing).length === 0,
    'complete: every fee owed was paid',
    `incomplete: missing ${describeAmounts(missing)}`,
  );
}
