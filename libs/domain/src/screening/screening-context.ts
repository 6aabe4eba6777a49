import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import type { Submission } from '../submission/submission';
import type { BiometricsRequirement } from '../biometrics/biometrics-requirement';
import type { FeeAmounts } from '../fees/fee-amounts';

/** Everything a screening rule may look at: the submission as received and what follows from its receipt date. */
export type ScreeningContext = Readonly<{
  submission: Submission;
  receivedAt: Instant;
  /** T1: the Eastern calendar date of receipt; every "at receipt" rule is judged on it. */
  receivedOn: PlainDate;
  biometrics: BiometricsRequirement;
  feesOwed: FeeAmounts;
  /** M11: the biometric fees the rest of the family (principal and linked members) already paid. */
  familyBiometricFeesPaid: number;
  /** M3: the principal as it stood when a family member's application was received. */
  principal: PrincipalSnapshot | null;
}>;
