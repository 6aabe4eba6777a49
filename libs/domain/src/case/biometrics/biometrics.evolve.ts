import type { Evolvers } from '../registries';
import type { BiometricsEvent } from './biometrics.messages';

/** B1–B5: the letter, its cancellation (C5, M7), the enrolment. */
export const biometricsEvolvers: Evolvers<BiometricsEvent> = {
  BiometricInstructionLetterIssued: (current, { data: { issuedAt, dueBy, automatic } }) => ({
    ...current,
    biometrics: { ...current.biometrics, letter: { issuedAt, dueBy, automatic, cancelledAt: null } },
  }),
  BiometricInstructionLetterCancelled: (current, { data }) => {
    const letter = current.biometrics.letter ?? { issuedAt: null, dueBy: null, automatic: true, cancelledAt: null };
    return { ...current, biometrics: { ...current.biometrics, letter: { ...letter, cancelledAt: data.cancelledAt } } };
  },
  BiometricsEnrolled: (current, { data }) => ({
    ...current,
    biometrics: { ...current.biometrics, enrolledAt: data.enrolledAt, location: data.location },
  }),
};
