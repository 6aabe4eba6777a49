import { assertNever } from '@app/kernel';
import { addMonthsClamped, isBefore, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import { check, failed, notApplicable, type Finding } from './finding';
import type { ScreeningContext } from './screening-context';

/** M3: the least work authorization the principal must hold for a family member received on `receivedOn`. */
export const principalMustBeAuthorizedUntil = (receivedOn: PlainDate): PlainDate =>
  addMonthsClamped(receivedOn, POLICY.principalMinimumRemainingMonths);

/** M3: the principal's authorization ends no earlier than 6 months after the family member's receipt. */
export const principalAuthorizationSufficient = (principalValidTo: PlainDate, receivedOn: PlainDate): boolean =>
  !isBefore(principalValidTo, principalMustBeAuthorizedUntil(receivedOn));

function principalFinding(principal: PrincipalSnapshot, receivedOn: PlainDate): Finding {
  const needed = principalMustBeAuthorizedUntil(receivedOn);
  switch (principal.status) {
    case 'received':
    case 'approved':
      return notApplicable(
        'M3',
        `principal ${principal.applicationId} is ${principal.status}, applying together: checked again at issuance`,
      );
    case 'permit-issued':
      return check(
        'M3',
        principal.permitValidTo !== null && principalAuthorizationSufficient(principal.permitValidTo, receivedOn),
        `principal authorized until ${principal.permitValidTo}, at least until ${needed}`,
        `principal authorized only until ${principal.permitValidTo}, ` +
          `less than ${POLICY.principalMinimumRemainingMonths} months (until ${needed})`,
      );
    case 'refused':
    case 'withdrawn':
    case 'cancelled-over-cap':
    case 'returned-over-cap':
      return failed('M3', `principal ${principal.applicationId} is ${principal.status}: no work authorization`);
    default:
      return assertNever(principal.status, 'principal status');
  }
}

/** M3: a family member's principal has at least 6 months of work authorization left at receipt. */
export function screenPrincipalAuthorization({ principal, receivedOn }: ScreeningContext): Finding {
  if (!principal) return failed('M3', 'no principal application');
  return principalFinding(principal, receivedOn);
}
