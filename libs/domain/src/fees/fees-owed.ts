import type { PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { FeesPaid, Submission } from '../submission/submission';
import type { BiometricsRequirement } from '../biometrics/biometrics-requirement';
import type { FeeAmounts } from './fee-amounts';
import { feeScheduleOn } from './fee-table';

/**
 * $1: the biometric fee one applicant owes: none when exempt (B3), otherwise the schedule's fee up
 * to what is left of the family maximum after the fees other members already paid.
 */
export function biometricFeeOwed(
  receivedOn: PlainDate,
  biometrics: BiometricsRequirement,
  familyBiometricFeesPaid = 0,
): number {
  if (!biometrics.required) return 0;
  const left = Math.max(0, POLICY.familyBiometricFeeMaximum - familyBiometricFeesPaid);
  return Math.min(feeScheduleOn(receivedOn).biometrics, left);
}

/** $1, $2, M5: what an application owes on its receipt date (restoration only when restoring status). */
export function feesOwed(
  submission: Pick<Submission, 'inCanadaStatus'>,
  receivedOn: PlainDate,
  biometrics: BiometricsRequirement,
  familyBiometricFeesPaid = 0,
): FeeAmounts {
  const schedule = feeScheduleOn(receivedOn);
  const owed = {
    processing: schedule.processing,
    openWorkPermitHolder: schedule.openWorkPermitHolder,
    biometrics: biometricFeeOwed(receivedOn, biometrics, familyBiometricFeesPaid),
  };
  return submission.inCanadaStatus?.kind === 'restoration' ? { ...owed, restoration: schedule.restoration } : owed;
}

/** The submission's `fees` as amounts per fee item. */
export function feesPaidOf(fees: FeesPaid): FeeAmounts {
  const paid = {
    processing: fees.processing,
    openWorkPermitHolder: fees.openWorkPermitHolder,
    biometrics: fees.biometrics,
  };
  return fees.restoration === undefined ? paid : { ...paid, restoration: fees.restoration };
}
