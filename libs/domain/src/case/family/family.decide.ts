import { fail } from '../../errors/domain-error-codes';
import { feesPaidOf } from '../../fees/fees-owed';
import { overCapRefunds } from '../../fees/refunds';
import type { ApplicationEvent } from '../events';
import { requireInstantFrom, requireSubmitted, requireUndecided } from '../guards';
import { letterCancellation } from '../letter-cancellation';
import type { ApplicationState } from '../state';
import { PRINCIPAL_CLOSINGS, type CloseWithPrincipal } from './family.messages';

/**
 * M7, C4, C5: an open family member's application is closed the way its principal's was (cancelled or
 * returned over the cap, or withdrawn [INF]), its processing and open work permit holder fees refunded
 * (C4, biometric fee per the C4 setting) and its pending or unsent BIL cancelled. R2: a member already
 * decided or closed keeps its own outcome.
 */
export function decideCloseWithPrincipal(
  { data }: CloseWithPrincipal,
  state: ApplicationState,
): readonly ApplicationEvent[] {
  const submitted = requireSubmitted(state);
  const principalId = submitted.submission.principalApplicationId ?? null;
  if (submitted.submission.applicantType === 'principal' || principalId === null)
    fail('M7_NOT_A_FAMILY_MEMBER', "A principal's application does not follow another application");
  if (principalId !== data.principalApplicationId)
    fail('M7_PRINCIPAL_MISMATCH', `The application follows ${principalId}, not ${data.principalApplicationId}`);
  if (!PRINCIPAL_CLOSINGS.includes(data.principalOutcome))
    fail('M7_UNKNOWN_PRINCIPAL_OUTCOME', `Not a closing a family follows: ${String(data.principalOutcome)}`);
  const current = requireUndecided(submitted);
  const closedAt = requireInstantFrom(data.at, current.receivedAt, 'at');
  return [
    ...letterCancellation(current, closedAt, 'principal-closed'),
    {
      type: 'ApplicationClosedWithPrincipal',
      data: {
        principalApplicationId: principalId,
        principalOutcome: data.principalOutcome,
        closedAt,
        refunds: overCapRefunds(feesPaidOf(current.submission.fees)),
      },
    },
  ];
}
