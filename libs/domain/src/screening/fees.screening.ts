import { describeAmounts, pickAmounts, shortfall } from '../fees/fee-amounts';
import { feeScheduleOn } from '../fees/fee-table';
import { feesPaidOf } from '../fees/fees-owed';
import { POLICY } from '../policy/policy';
import { check, notApplicable, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

const STANDARD_FEES = ['processing', 'openWorkPermitHolder', 'biometrics'] as const;

/** M11: why the biometric fee owed is below the schedule's, when the family maximum lowered it ('' otherwise). */
function familyMaximumNote({ biometrics, feesOwed, receivedOn, familyBiometricFeesPaid }: ScreeningContext): string {
  if (!biometrics.required || (feesOwed.biometrics ?? 0) >= feeScheduleOn(receivedOn).biometrics) return '';
  return (
    ` (M11: the family already paid ${familyBiometricFeesPaid} of the ${POLICY.familyBiometricFeeMaximum} family maximum` +
    ` of biometric fees, so ${feesOwed.biometrics ?? 0} is owed for biometrics)`
  );
}

/** $1, M11: the processing, open work permit holder and biometric fees owed were paid. */
export function screenStandardFees(context: ScreeningContext): Finding {
  const owed = pickAmounts(context.feesOwed, STANDARD_FEES);
  const missing = shortfall(owed, feesPaidOf(context.submission.fees));
  const note = familyMaximumNote(context);
  return check(
    '$1',
    Object.keys(missing).length === 0,
    `paid ${describeAmounts(owed)}${note}`,
    `owes ${describeAmounts(owed)}; missing ${describeAmounts(missing)}${note}`,
  );
}

/** $2: an applicant restoring status paid the restoration fee in force on the receipt date. */
export function screenRestorationFee({ submission, feesOwed }: ScreeningContext): Finding {
  const owed = feesOwed.restoration;
  if (owed === undefined) return notApplicable('$2', 'not restoring status');
  const paid = submission.fees.restoration ?? 0;
  const missing = shortfall({ restoration: owed }, { restoration: paid });
  return check(
    '$2',
    missing.restoration === undefined,
    `restoration fee ${owed} paid`,
    `restoration fee ${owed} owed, ${paid} paid`,
  );
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
