import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';
import type { BiometricsRequirement } from '../../biometrics/biometrics-requirement';
import type { FeeAmounts } from '../../fees/fee-amounts';
import type { Finding } from '../../screening/finding';
import type { Passport, Residence } from '../../submission/submission';

/** H4: the applicant details an officer may correct (the names, the date of birth, the passport, the residence). */
export const CORRECTABLE_FIELDS = ['familyName', 'givenNames', 'dateOfBirth', 'passport', 'residence'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The shape of each correctable field's value, as the submission holds it. */
export type CorrectableValues = Readonly<{
  familyName: string;
  givenNames: string;
  dateOfBirth: PlainDate;
  passport: Passport;
  residence: Residence;
}>;

/** One field with a value of its shape. */
export type FieldValue = {
  [K in CorrectableField]: Readonly<{ field: K; value: CorrectableValues[K] }>;
}[CorrectableField];

/** H4: an officer records the corrected value of one applicant detail, with the reason. */
export type CorrectApplicantDetails = Command<
  'CorrectApplicantDetails',
  FieldValue & Readonly<{ reason: string; correctedAt: Instant; officerId: string }>
>;

/**
 * H4: one applicant detail corrected; `previous` keeps the value it replaced (the history keeps
 * both). Screening ran again on the corrected facts: `screening`, `feesOwed` and `biometrics`
 * replace those recorded at receipt, judged as at the receipt date.
 */
export type ApplicantDetailsCorrected = Event<
  'ApplicantDetailsCorrected',
  {
    [K in CorrectableField]: Readonly<{ field: K; previous: CorrectableValues[K]; value: CorrectableValues[K] }>;
  }[CorrectableField] &
    Readonly<{
      reason: string;
      correctedAt: Instant;
      officerId: string;
      screening: readonly Finding[];
      feesOwed: FeeAmounts;
      biometrics: BiometricsRequirement;
    }>
>;

/** The commands of this use case. */
export type CorrectionsCommand = CorrectApplicantDetails;
/** The events its commands decide. */
export type CorrectionsEvent = ApplicantDetailsCorrected;
