import { compareInstants, type Instant } from '../../dates/instant';
import type { RefusalReasonInput } from '../../decision/refusal-reasons';
import type { ApplicationCommand } from '../commands';
import type { ApplicationEvent } from '../events';
import type { PrincipalClosing } from './family.messages';

/** M7: how a principal's application ended, which its family members' open applications follow. */
export type PrincipalOutcome = Readonly<{
  principalApplicationId: string;
  outcome: 'refused' | PrincipalClosing;
  /** When the principal's application was refused, cancelled, returned or withdrawn. */
  at: Instant;
  /** The grounds of a refusal, named in the members' refusals; empty for a closing. */
  grounds: readonly string[];
}>;

/** M7: the outcome an event of `applicationId`'s stream records, or null when the event ends nothing. */
export function principalOutcomeOf(applicationId: string, event: ApplicationEvent): PrincipalOutcome | null {
  const outcome = (kind: PrincipalOutcome['outcome'], at: Instant, grounds: readonly string[] = []) => ({
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
    default:
      return null;
  }
}

/** M7, R1, R5: the reason a family member is refused with its principal: R200(1)(c)(ii), naming the principal's refusal. */
export function principalRefusalReason(outcome: PrincipalOutcome): RefusalReasonInput {
  const grounds = outcome.grounds.length > 0 ? ` on ground ${outcome.grounds.join(', ')}` : '';
  return {
    ground: 'R200(1)(c)(ii)',
    rule: 'M7',
    explanation:
      `The principal's application ${outcome.principalApplicationId} was refused at ${outcome.at}${grounds}. ` +
      'A spouse or dependent child qualifies only as the family member of an A76 principal whose application ' +
      'is approved, so this application no longer meets the category of work described in R205.',
  };
}

/**
 * M7: the command that makes a family member's open application follow its principal's outcome:
 * a refusal (R200(1)(c)(ii)) when the principal was refused, else a closing the same way. It is
 * dated at the principal's outcome, or at the member's receipt when that came later (T1), so every
 * worker and every replay sends the same command.
 */
export function commandFollowingPrincipal(
  outcome: PrincipalOutcome,
  memberReceivedAt: Instant,
  officerId: string,
): ApplicationCommand {
  const at = compareInstants(memberReceivedAt, outcome.at) > 0 ? memberReceivedAt : outcome.at;
  if (outcome.outcome === 'refused')
    return {
      type: 'RefuseApplication',
      data: { decidedAt: at, officerId, reasons: [principalRefusalReason(outcome)] },
    };
  return {
    type: 'CloseWithPrincipal',
    data: { principalApplicationId: outcome.principalApplicationId, principalOutcome: outcome.outcome, at },
  };
}
