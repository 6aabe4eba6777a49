import { fail } from '../../errors/domain-error-codes';
import type { PlainDate } from '../../dates/plain-date';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';
import { isFamilyMember } from '../../submission/submission';
import type { PermitIssuedApplication } from '../state';

/**
 * X5, M2: a family member renews in line with the principal's current authorization, so its request
 * and its decision carry the principal as it stands then (read by the handler). The principal must
 * hold an issued permit; a principal's own extension carries no snapshot. Null for a principal.
 */
export function principalForRenewal(
  state: PermitIssuedApplication,
  principal: PrincipalSnapshot | null | undefined,
): PrincipalSnapshot | null {
  const { submission } = state;
  if (!isFamilyMember(submission)) {
    if (principal) fail('M1_PRINCIPAL_NOT_EXPECTED', "A principal's extension does not depend on another application");
    return null;
  }
  if (!principal)
    fail(
      'M2_PRINCIPAL_PERMIT_REQUIRED',
      "A family member's renewal is bounded by the principal's permit: its snapshot is required",
    );
  if (principal.applicationId !== submission.principalApplicationId) {
    fail(
      'M1_PRINCIPAL_MISMATCH',
      `The snapshot is of ${principal.applicationId}, not of principal ${submission.principalApplicationId}`,
    );
  }
  if (principal.status !== 'permit-issued' || principal.permitValidTo === null) {
    fail(
      'M2_PRINCIPAL_PERMIT_REQUIRED',
      `The principal's application ${principal.applicationId} is ${principal.status}, without a permit`,
    );
  }
  return principal;
}

/** X5: the principal's current authorization end, which a family member's renewal may not pass (null for a principal). */
export const principalValidToOf = (principal: PrincipalSnapshot | null): PlainDate | null =>
  principal?.permitValidTo ?? null;
