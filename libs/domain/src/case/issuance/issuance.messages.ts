import type { Command, Event } from '@app/kernel';
import type { PlainDate } from '../../dates/plain-date';
import type { MedicalAssessment } from '../../issuance/medical-conditions';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';
import type { WorkPermit } from '../../issuance/work-permit';

export type IssueWorkPermit = Command<
  'IssueWorkPermit',
  {
    issuedOn: PlainDate;
    medical: MedicalAssessment;
    /** M2, M3: required for a family member: the principal as it stands at issuance. */
    principal?: PrincipalSnapshot | null;
  }
>;

/** Section 9, M1: the full GCMS coding, the medical assessment it was based on and the F3 case note. */
export type WorkPermitIssued = Event<
  'WorkPermitIssued',
  { permit: WorkPermit; medical: MedicalAssessment; caseNote: string | null; principal: PrincipalSnapshot | null }
>;

/** The commands of this use case. */
export type IssuanceCommand = IssueWorkPermit;
/** The events its commands decide. */
export type IssuanceEvent = WorkPermitIssued;
