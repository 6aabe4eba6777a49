import type { PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import { principalAuthorizationSufficient } from '../screening/family.screening';
import { medicalConditions, type MedicalAssessment } from './medical-conditions';
import { openNocFor } from './noc';
import { familyMemberValidTo } from './permit-validity';
import {
  FAMILY_MEMBER_CASE_TYPE,
  FAMILY_MEMBER_REMARK,
  LOCATION_CONDITION,
  PRINCIPAL_CODING,
  type FamilyMemberExemptionCode,
  type WorkPermit,
} from './work-permit';

/** M1: C49 when the principal has submitted a PR application, otherwise C41 for a spouse and C46 for a dependent child. */
export function familyMemberExemptionCode(
  applicantType: 'spouse' | 'dependent-child',
  principal: Pick<PrincipalSnapshot, 'prApplicationSubmitted'>,
): FamilyMemberExemptionCode {
  if (principal.prApplicationSubmitted) return 'C49';
  return applicantType === 'spouse' ? 'C41' : 'C46';
}

export type FamilyMemberPermitInput = Readonly<{
  applicantType: 'spouse' | 'dependent-child';
  issuedOn: PlainDate;
  /** T1: the Eastern date on which the family member's application was received. */
  receivedOn: PlainDate;
  passportExpiresOn: PlainDate;
  medical: MedicalAssessment;
  principal: PrincipalSnapshot;
}>;

/** M2, M3: the principal's issued permit bounds the family member's and had 6 months left at the member's receipt. */
function principalValidTo(principal: PrincipalSnapshot, receivedOn: PlainDate): PlainDate {
  if (principal.status !== 'permit-issued' || principal.permitValidTo === null) {
    fail(
      'M2_PRINCIPAL_PERMIT_REQUIRED',
      `The principal's application ${principal.applicationId} is ${principal.status}, without a permit`,
    );
  }
  if (!principalAuthorizationSufficient(principal.permitValidTo, receivedOn)) {
    fail(
      'M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT',
      `The principal is authorized until ${principal.permitValidTo}, ` +
        `less than ${POLICY.principalMinimumRemainingMonths} months after ${receivedOn}`,
    );
  }
  return principal.permitValidTo;
}

/**
 * M1–M4: a spouse's or dependent child's open permit: C41/C46/C49, case type 20, the receipt-date
 * NOC, restricted to Quebec as a whole (never a city, never amended), bounded by the principal.
 */
export function familyMemberPermit(input: FamilyMemberPermitInput): WorkPermit {
  const { applicantType, issuedOn, receivedOn, passportExpiresOn, medical, principal } = input;
  const validTo = familyMemberValidTo(issuedOn, passportExpiresOn, principalValidTo(principal, receivedOn));
  return {
    authority: POLICY.familyMemberAuthority,
    caseType: FAMILY_MEMBER_CASE_TYPE,
    exemptionCode: familyMemberExemptionCode(applicantType, principal),
    provinceOfDestination: PRINCIPAL_CODING.provinceOfDestination,
    cityOfDestination: POLICY.familyMemberCityOfDestination,
    noc: openNocFor(receivedOn),
    intendedOccupation: 'Open',
    employer: 'Open',
    issuedOn,
    validTo,
    conditions: [LOCATION_CONDITION, ...medicalConditions(medical)],
    userNote: null,
    remarks: [FAMILY_MEMBER_REMARK],
  };
}
