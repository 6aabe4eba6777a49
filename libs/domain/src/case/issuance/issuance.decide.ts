import { easternDateOf } from '../../dates/instant';
import { fail } from '../../errors/domain-error-codes';
import { familyMemberPermit } from '../../issuance/family-member-permit';
import type { MedicalAssessment } from '../../issuance/medical-conditions';
import { assessmentAtIssuance, surveillanceRemarks } from '../../issuance/medical-results';
import { principalPermit } from '../../issuance/principal-permit';
import type { WorkPermit } from '../../issuance/work-permit';
import { asStored } from '../as-stored';
import { requireDateFrom, requireSubmitted } from '../guards';
import type { ApplicationState, ApprovedApplication } from '../state';
import type { IssueWorkPermit, WorkPermitIssued } from './issuance.messages';
import type { Deciders } from '../registries';
import type { IssuanceCommand } from './issuance.messages';

function approved(state: ApplicationState): ApprovedApplication {
  const current = requireSubmitted(state);
  if (current.status === 'permit-issued')
    fail('PERMIT_ALREADY_ISSUED', `The permit was issued on ${current.permit.issuedOn}`);
  if (current.status !== 'approved') fail('APPLICATION_NOT_APPROVED', `The application is ${current.status}`);
  return current;
}

function permitFor(
  state: ApprovedApplication,
  command: IssueWorkPermit['data'],
  issuedOn: string,
  medical: MedicalAssessment,
): WorkPermit {
  const { submission, receivedOn } = state;
  const passportExpiresOn = submission.applicant.passport.expiresOn;
  if (submission.applicantType === 'principal') {
    if (command.principal)
      fail('M1_PRINCIPAL_NOT_EXPECTED', "A principal's permit does not depend on another application");
    return principalPermit({ issuedOn, receivedOn, passportExpiresOn, medical });
  }
  if (!command.principal)
    fail('M2_PRINCIPAL_PERMIT_REQUIRED', "A family member's permit needs the principal's snapshot");
  if (command.principal.applicationId !== submission.principalApplicationId) {
    fail(
      'M1_PRINCIPAL_MISMATCH',
      `The snapshot is of ${command.principal.applicationId}, not of ${submission.principalApplicationId}`,
    );
  }
  return familyMemberPermit({
    applicantType: submission.applicantType,
    issuedOn,
    receivedOn,
    passportExpiresOn,
    medical,
    principal: command.principal,
  });
}

/**
 * Section 9, I1–I4, M1–M4: the permit of an approved application, coded exactly, issued once, on
 * the medical result recorded before the decision (its surveillance code adds the I4 remark).
 */
export function decideIssueWorkPermit({ data }: IssueWorkPermit, state: ApplicationState): readonly WorkPermitIssued[] {
  const current = approved(state);
  const issuedOn = requireDateFrom(data.issuedOn, easternDateOf(current.decision.decidedAt), 'issuedOn');
  const recorded = current.medical ?? null;
  const medical = assessmentAtIssuance(recorded, data.medical);
  const coded = permitFor(current, data, issuedOn, medical);
  const permit = { ...coded, remarks: [...coded.remarks, ...surveillanceRemarks(recorded)] };
  const caseNote =
    current.submission.applicantType === 'principal' ? (current.submission.dutiesDescription ?? null) : null;
  return [
    {
      type: 'WorkPermitIssued',
      data: asStored({ permit, medical, caseNote, principal: data.principal ?? null }),
    },
  ];
}

/** The deciders of this use case, by command type. */
export const issuanceDeciders: Deciders<IssuanceCommand> = { IssueWorkPermit: decideIssueWorkPermit };
