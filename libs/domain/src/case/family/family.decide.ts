import { validatedRefusalReasons } from '../../decision/refusal-reasons';
import { fail } from '../../errors/domain-error-codes';
import { feesPaidOf } from '../../fees/fees-owed';
import { overCapRefunds } from '../../fees/refunds';
import type { ApplicationEvent } from '../events';
import { requireInstantFrom, requireSubmitted, requireUndecided } from '../guards';
import { letterCancellation } from '../letter-cancellation';
import type { ApplicationState, ReceivedApplication, SubmittedApplication } from '../state';
import type { FollowPrincipal } from './family.messages';
import { principalRefusalReason } from './principal-outcome';
import type { Deciders } from '../registries';
import type { FamilyCommand } from './family.messages';

const OUTCOMES: readonly FollowPrincipal['data']['principalOutcome'][] = [
  'refused',
  'cancelled-over-cap',
  'returned-over-cap',
  'withdrawn',
];

/**
 * M7, M6, R2, R7: only a family member's open application follows its principal. One approved on
 * the principal's approval (M6) whose principal was since refused or closed (a set-aside, R7, or
 * legacy data) has no way forward: R2 keeps its approval and M2 its permit waiting for a principal
 * permit that will not come. Only a set-aside of its own approval (R7) re-opens it, so the rule
 * refuses with M7_MEMBER_APPROVED and the process parks it for an operator. A member already
 * refused, closed or holding its permit keeps its own outcome (R2).
 */
function openMember({ data }: FollowPrincipal, state: ApplicationState): ReceivedApplication {
  const submitted: SubmittedApplication = requireSubmitted(state);
  const principalId = submitted.submission.principalApplicationId ?? null;
  if (submitted.submission.applicantType === 'principal' || principalId === null)
    fail('M7_NOT_A_FAMILY_MEMBER', "A principal's application does not follow another application");
  if (principalId !== data.principalApplicationId)
    fail('M7_PRINCIPAL_MISMATCH', `The application follows ${principalId}, not ${data.principalApplicationId}`);
  if (!OUTCOMES.includes(data.principalOutcome))
    fail('M7_UNKNOWN_PRINCIPAL_OUTCOME', `Not an outcome a family follows: ${String(data.principalOutcome)}`);
  if (submitted.status === 'approved')
    fail(
      'M7_MEMBER_APPROVED',
      `Approved on ${principalId}'s approval, which no longer stands (${data.principalOutcome}): only a set-aside (R7) re-opens it`,
    );
  return requireUndecided(submitted);
}

/**
 * M7, C4, C5: an open family member's application follows its principal: refused on R200(1)(c)(ii)
 * naming the principal's refusal (R1, R5), or closed the way the principal's was (cancelled or
 * returned over the cap, or withdrawn [INF]) with its processing and open work permit holder fees
 * refunded (C4, biometric fee per the C4 setting) and its pending or unsent BIL cancelled.
 */
export function decideFollowPrincipal(command: FollowPrincipal, state: ApplicationState): readonly ApplicationEvent[] {
  const current = openMember(command, state);
  const { principalApplicationId, principalOutcome, grounds, decidedBy } = command.data;
  const at = requireInstantFrom(command.data.at, current.receivedAt, 'at');
  if (principalOutcome === 'refused') {
    const reasons = validatedRefusalReasons([principalRefusalReason(principalApplicationId, at, grounds)]);
    return [{ type: 'ApplicationRefused', data: { decidedAt: at, officerId: decidedBy, reasons } }];
  }
  return [
    ...letterCancellation(current, at, 'principal-closed'),
    {
      type: 'ApplicationClosedWithPrincipal',
      data: {
        principalApplicationId,
        principalOutcome,
        closedAt: at,
        refunds: overCapRefunds(feesPaidOf(current.submission.fees)),
      },
    },
  ];
}

/** The deciders of this use case, by command type. */
export const familyDeciders: Deciders<FamilyCommand> = { FollowPrincipal: decideFollowPrincipal };
