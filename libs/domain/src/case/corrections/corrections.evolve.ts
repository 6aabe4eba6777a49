import type { Evolvers } from '../registries';
import { withCorrection } from './corrected-values';
import type { CorrectionsEvent } from './corrections.messages';

/**
 * H4: the corrected detail replaces the old one in the submission (the event keeps both), and the
 * screening, fees owed and biometrics requirement recomputed on it replace those of the receipt;
 * a letter already issued and an enrolment already made stay as they were.
 */
export const correctionsEvolvers: Evolvers<CorrectionsEvent> = {
  ApplicantDetailsCorrected: (current, { data }) => ({
    ...current,
    submission: withCorrection(current.submission, data),
    screening: data.screening,
    feesOwed: data.feesOwed,
    biometrics: { ...current.biometrics, required: data.biometrics.required, exemption: data.biometrics.exemption },
  }),
};
