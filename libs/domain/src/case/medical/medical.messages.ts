import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';
import type { MedicalProfile, SurveillanceCode } from '../../issuance/medical-results';

/** I4: an officer records the result of the immigration medical examination, before the decision. */
export type RecordMedicalResult = Command<
  'RecordMedicalResult',
  {
    examinedOn: PlainDate;
    result: MedicalProfile;
    surveillance?: SurveillanceCode | null;
    recordedAt: Instant;
    officerId: string;
  }
>;

/** I4: the result the decision and the permit rely on; a later one replaces it until the decision. */
export type MedicalResultRecorded = Event<
  'MedicalResultRecorded',
  {
    examinedOn: PlainDate;
    result: MedicalProfile;
    surveillance: SurveillanceCode | null;
    recordedAt: Instant;
    officerId: string;
  }
>;

/** The commands of this use case. */
export type MedicalCommand = RecordMedicalResult;
/** The events its commands decide. */
export type MedicalEvent = MedicalResultRecorded;
