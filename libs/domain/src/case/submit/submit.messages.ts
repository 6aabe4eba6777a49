import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';
import type { Submission } from '../../submission/submission';
import type { BiometricsRequirement } from '../../biometrics/biometrics-requirement';
import type { FeeAmounts } from '../../fees/fee-amounts';
import type { Finding } from '../../screening/finding';
import type { Routing } from '../../screening/forms.screening';

export type SubmitApplication = Command<
  'SubmitApplication',
  {
    applicationId: string;
    receivedAt: Instant;
    submission: Submission;
    /** M1: required for a spouse or dependent child; the handler reads it from the principal's stream. */
    principal?: PrincipalSnapshot | null;
    /** $1: biometric fees other members of the same family already paid, when the handler knows them. */
    familyBiometricFeesPaid?: number;
  }
>;

export type ApplicationReceived = Event<
  'ApplicationReceived',
  {
    applicationId: string;
    receivedAt: Instant;
    /** T1: the Eastern calendar date of receipt. */
    receivedOn: PlainDate;
    submission: Submission;
    /** M1, M3: the principal as it stood at receipt (family members), else null. */
    principal: PrincipalSnapshot | null;
    screening: readonly Finding[];
    routing: Routing;
    /** $1, $2, M5: what the application owes on its receipt date. */
    feesOwed: FeeAmounts;
    biometrics: BiometricsRequirement;
    /** C2: principals count against the cap, family members do not. */
    countsAgainstCap: boolean;
    /** C3: the Eastern calendar year of receipt for a principal (its cap year), null for a family member. */
    intakeYear: number | null;
  }
>;

/** The commands of this use case. */
export type SubmitCommand = SubmitApplication;
/** The events its commands decide. */
export type SubmitEvent = ApplicationReceived;
