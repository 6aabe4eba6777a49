import type { Evolvers } from '../registries';
import type { MedicalEvent } from './medical.messages';

/** I4: the latest medical result recorded before the decision. */
export const medicalEvolvers: Evolvers<MedicalEvent> = {
  MedicalResultRecorded: (current, { data: { result, examinedOn, surveillance, recordedAt } }) => ({
    ...current,
    medical: { result, examinedOn, surveillance, recordedAt },
  }),
};
