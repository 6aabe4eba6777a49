import type { PlainDate } from '../dates/plain-date';
import { medicalConditions, type MedicalAssessment } from './medical-conditions';
import { openNocFor } from './noc';
import { permitValidTo } from './permit-validity';
import { LOCATION_CONDITION, PRINCIPAL_CODING, type WorkPermit } from './work-permit';

export type PrincipalPermitInput = Readonly<{
  issuedOn: PlainDate;
  /** T1: the Eastern date on which the application was received (chooses the NOC). */
  receivedOn: PlainDate;
  passportExpiresOn: PlainDate;
  medical: MedicalAssessment;
}>;

/** Section 9, I1–I3: the exact GCMS coding of a principal's A76 permit. */
export function principalPermit({
  issuedOn,
  receivedOn,
  passportExpiresOn,
  medical,
}: PrincipalPermitInput): WorkPermit {
  const validTo = permitValidTo(issuedOn, passportExpiresOn);
  return {
    authority: PRINCIPAL_CODING.authority,
    caseType: PRINCIPAL_CODING.caseType,
    exemptionCode: PRINCIPAL_CODING.exemptionCode,
    provinceOfDestination: PRINCIPAL_CODING.provinceOfDestination,
    cityOfDestination: PRINCIPAL_CODING.cityOfDestination,
    noc: openNocFor(receivedOn),
    intendedOccupation: PRINCIPAL_CODING.intendedOccupation,
    employer: PRINCIPAL_CODING.employer,
    issuedOn,
    validTo,
    conditions: [LOCATION_CONDITION, ...medicalConditions(medical)],
    userNote: PRINCIPAL_CODING.userNote,
    remarks: [],
  };
}
