import { easternDateOf } from '../../dates/instant';
import { isAfter } from '../../dates/plain-date';
import { fail } from '../../errors/domain-error-codes';
import { isMedicalProfile, isSurveillanceCode } from '../../issuance/medical-results';
import { requireDate, requireInstantFrom, requireUndecided } from '../guards';
import type { ApplicationState } from '../state';
import type { MedicalResultRecorded, RecordMedicalResult } from './medical.messages';
import type { Deciders } from '../registries';
import type { MedicalCommand } from './medical.messages';

/**
 * I4, R2: medical results are recorded before the decision, while the application is open; a new
 * result (a repeated exam) replaces the previous one. The exam may precede the receipt (an upfront
 * medical), never the day it is recorded.
 */
export function decideRecordMedicalResult(
  { data }: RecordMedicalResult,
  state: ApplicationState,
): readonly MedicalResultRecorded[] {
  const current = requireUndecided(state);
  const recordedAt = requireInstantFrom(data.recordedAt, current.receivedAt, 'recordedAt');
  const examinedOn = requireDate(data.examinedOn, 'examinedOn');
  if (isAfter(examinedOn, easternDateOf(recordedAt)))
    fail('I4_EXAMINED_IN_FUTURE', `examinedOn ${examinedOn} is after the day the result is recorded`);
  if (!isMedicalProfile(data.result)) fail('I4_UNKNOWN_MEDICAL_CODE', `Not a medical profile: ${String(data.result)}`);
  const surveillance = data.surveillance ?? null;
  if (surveillance !== null && !isSurveillanceCode(surveillance))
    fail('I4_UNKNOWN_MEDICAL_CODE', `Not a surveillance code: ${String(surveillance)}`);
  const { result, officerId } = data;
  return [{ type: 'MedicalResultRecorded', data: { examinedOn, result, surveillance, recordedAt, officerId } }];
}

/** The deciders of this use case, by command type. */
export const medicalDeciders: Deciders<MedicalCommand> = { RecordMedicalResult: decideRecordMedicalResult };
