import { easternDateOf, type Instant } from '../../dates/instant';
import { fail } from '../../errors/domain-error-codes';
import type { ScreeningOverrideInput } from '../../decision/screening-overrides';
import type { Finding } from '../../screening/finding';
import { dependentChildAgeFinding } from '../../screening/relationship.screening';
import type { PrincipalSnapshot, PrincipalStatus } from '../../submission/principal-snapshot';
import { isFamilyMember } from '../../submission/submission';
import type { ReceivedApplication } from '../state';

/** M6: the principal's statuses at which a family member's application may be approved. */
export const PRINCIPAL_STATUSES_ALLOWING_FAMILY_APPROVAL: readonly PrincipalStatus[] = ['approved', 'permit-issued'];

/**
 * M1, M6: the principal is assessed first: a family member is approved only while, at that moment,
 * the principal's application is approved or its permit issued. The snapshot is the principal's
 * state at decision, read by the handler; a principal's own approval carries none.
 */
export function principalAtDecision(
  state: ReceivedApplication,
  principal: PrincipalSnapshot | null | undefined,
): PrincipalSnapshot | null {
  const { submission } = state;
  if (!isFamilyMember(submission)) {
    if (principal) fail('M1_PRINCIPAL_NOT_EXPECTED', "A principal's approval does not depend on another application");
    return null;
  }
  if (!principal) {
    fail(
      'M6_PRINCIPAL_NOT_APPROVED',
      `The state of principal ${submission.principalApplicationId} at decision is unknown: it must be approved first`,
    );
  }
  if (principal.applicationId !== submission.principalApplicationId) {
    fail(
      'M1_PRINCIPAL_MISMATCH',
      `The snapshot is of ${principal.applicationId}, not of principal ${submission.principalApplicationId}`,
    );
  }
  if (!PRINCIPAL_STATUSES_ALLOWING_FAMILY_APPROVAL.includes(principal.status)) {
    fail(
      'M6_PRINCIPAL_NOT_APPROVED',
      `The principal's application ${principal.applicationId} is ${principal.status}: it must be approved first`,
    );
  }
  return principal;
}

/**
 * M9: a dependent child's age is judged again at decision; the finding at decision replaces the one
 * made at receipt (a child may turn 22 in between), so an override of M9 is asked for when it fails.
 */
export function findingsAtDecision(state: ReceivedApplication, decidedAt: Instant): readonly Finding[] {
  const { submission, screening } = state;
  if (submission.applicantType !== 'dependent-child') return screening;
  const m9 = dependentChildAgeFinding(submission.applicant.dateOfBirth, easternDateOf(decidedAt), 'decision');
  return [...screening.filter((finding) => finding.rule !== 'M9'), m9];
}

/** M9: a child 22 or over at decision is approved only when the officer confirms, by an M9 override, a dependency since before 22. */
export function requireDependentChild(
  findings: readonly Finding[],
  overrides: readonly ScreeningOverrideInput[],
): void {
  const m9 = findings.find((finding) => finding.rule === 'M9');
  if (m9?.outcome !== 'failed' || overrides.some((override) => override.rule === 'M9')) return;
  fail(
    'M9_NOT_A_DEPENDENT_CHILD',
    `Not a dependent child without the officer's confirmation (an M9 override): ${m9.detail}`,
  );
}
