import type { PlainDate } from '../dates/plain-date';

/** M1: family-member exemption codes: C41 spouse, C46 dependent child, C49 when the principal filed for PR. */
export const FAMILY_MEMBER_EXEMPTION_CODES = ['C41', 'C46', 'C49'] as const;
export type FamilyMemberExemptionCode = (typeof FAMILY_MEMBER_EXEMPTION_CODES)[number];

/** NOC (National Occupational Classification) code for an open permit: 9999 before the 2022-11-16 switch to NOC 2021, then 99999. */
export type OpenNoc = '9999' | '99999';

/** The GCMS (Global Case Management System) coding of an issued work permit (section 9, M1). */
export type WorkPermit = Readonly<{
  authority: string;
  caseType: '27' | '20';
  exemptionCode: 'A76' | FamilyMemberExemptionCode;
  provinceOfDestination: 'Quebec';
  cityOfDestination: string;
  noc: OpenNoc;
  intendedOccupation: 'Open';
  employer: 'Open';
  issuedOn: PlainDate;
  validTo: PlainDate;
  conditions: readonly string[];
  userNote: string | null;
  remarks: readonly string[];
}>;

/** Section 9 [OFF]: the coding every principal A76 permit carries. */
export const PRINCIPAL_CODING = {
  authority: 'R205(a)',
  caseType: '27',
  exemptionCode: 'A76',
  provinceOfDestination: 'Quebec',
  cityOfDestination: 'Quebec NES',
  intendedOccupation: 'Open',
  employer: 'Open',
  userNote: 'CSQ holders – A76',
} as const;

/** Section 9 [OFF]: the location condition of an A76 permit. */
export const LOCATION_CONDITION = 'Not authorized to work in any location other than stated.';

/** M1 [OFF]: the family member's case type. */
export const FAMILY_MEMBER_CASE_TYPE = '20';
/** M1 [OFF]: the mandatory user remark of a family member's permit, verbatim (with its final period). */
export const FAMILY_MEMBER_REMARK = 'Authorized to work as per applicable labour laws.';
