import { compareInstants, type Instant } from '../../dates/instant';
import type { RefusalReasonInput } from '../../decision/refusal-reasons';
import type { ApplicationEvent } from '../events';
import type { FollowPrincipal, PrincipalOutcomeKind } from './family.messages';

/** M7: how a principal's application ended, which its family members' open applications follow. */
export type PrincipalOutcome = Readonly<{
  principalApplicationId: string;
  outcome: PrincipalOutcomeKind;
  /** When the principal's application was refused, cancelled, returned or withdrawn. */
  at: Instant;
  /** The grounds of a refusal, named in the members' refusals; empty for a closing. */
  grounds: readonly string[];
}>;

/**
 * M7: the outcome an event of `applicationId`'s stream records; `'reopened'` when a set-aside (R7)
 * re-opened it, so its family no longer follows the outcome it undid; null when the event ends nothing.
 */
export function principalOutcomeOf(
  applicationId: string,
  event: ApplicationEvent,
): PrincipalOutcome | 'reopened' | null {
  const outcome = (kind: PrincipalOutcomeKind, at: Instant, grounds: readonly string[] = []) => ({
    principalApplicationId: applicationId,
    outcome: kind,
    at,
    grounds,
  });
  switch (event.type) {
    case 'ApplicationRefused':
      return outcome(
        'refused',
        event.data.decidedAt,
        event.data.reasons.map((reason) => reason.ground),
      );
    case 'ApplicationCancelledOverCap':
      return outcome('cancelled-over-cap', event.data.cancelledAt);
    case 'ApplicationReturnedOverCap':
      return outcome('returned-over-cap', event.data.returnedAt);
    case 'ApplicationWithdrawn':
      return outcome('withdrawn', event.data.withdrawnAt);
    case 'DecisionSetAside':
      return 'reopened';
    default:
      return null;
  }
}

/** M7, R1, R5: the reason a family member is refused with its principal: R200(1)(c)(ii), naming the principal's refusal. */
export function principalRefusalReason(
  principalApplicationId: string,
  at: Instant,
  grounds: readonly string[],
): RefusalReasonInput {
  const on = grounds.length > 0 ? ` on ground ${grounds.join(', ')}` : '';
  return {
    ground: 'R200(1)(c)(ii)',
    rule: 'M7',
    explanation:
      `The principal's application ${principalApplicationId} was refused at ${at}${on}. ` +
      'A spouse or dependent child qualifies only as the family member of an A76 principal whose application ' +
      'is approved, so this application no longer meets the category of work described in R205.',
  };
}

/**
 * M7: the command that makes a family member's open application follow its principal's outcome,
 * dated at that outcome, or at the member's receipt when that came later (T1), so every worker and
 * every replay sends the same command.
 */
export function commandFollowingPrincipal(
  outcome: PrincipalOutcome,
  memberReceivedAt: Instant,
  decidedBy: string,
): FollowPrincipal {
  const at = compareInstants(memberReceivedAt, outcome.at) > 0 ? memberReceivedAt : outcome.at;
  return {
    type: 'FollowPrincipal',
    data: {
      principalApplicationId: outcome.principalApplicationId,
      principalOutcome: outcome.outcome,
      at,
      grounds: outcome.grounds,
      decidedBy,
    },
  };
}
