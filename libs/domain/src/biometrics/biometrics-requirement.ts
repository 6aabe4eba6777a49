import { addYearsClamped, fullYearsBetween, isBefore, isAfter, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { Applicant } from '../submission/submission';

/** B3: why an applicant does not give biometrics. */
export type BiometricsExemption = 'under-minimum-age' | 'over-maximum-age' | 'given-recently';

type BiometricsFacts = Pick<Applicant, 'dateOfBirth' | 'biometricsGivenOn'>;

export type BiometricsRequirement = Readonly<{ required: boolean; exemption: BiometricsExemption | null }>;

/** B3: the exemption that applies on the receipt date, if any (age first, then reuse of earlier biometrics). */
export function biometricsExemption(applicant: BiometricsFacts, receivedOn: PlainDate): BiometricsExemption | null {
  const age = fullYearsBetween(applicant.dateOfBirth, receivedOn);
  if (age < POLICY.biometricsMinimumAge) return 'under-minimum-age';
  if (age > POLICY.biometricsMaximumAge) return 'over-maximum-age';
  const givenOn = applicant.biometricsGivenOn;
  if (givenOn !== undefined && !isAfter(givenOn, receivedOn)) {
    const stillValid = !isBefore(givenOn, addYearsClamped(receivedOn, -POLICY.biometricsReuseYears));
    if (stillValid) return 'given-recently';
  }
  return null;
}

/** B3: whether biometrics are required, and the exemption when they are not. */
export function biometricsRequirement(applicant: BiometricsFacts, receivedOn: PlainDate): BiometricsRequirement {
  const exemption = biometricsExemption(applicant, receivedOn);
  return { required: exemption === null, exemption };
}
