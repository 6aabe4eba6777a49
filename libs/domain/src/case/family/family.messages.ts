import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { FeeAmounts } from '../../fees/fee-amounts';

/** M7 [OFF; INF for a withdrawal]: how a principal's application closed without a decision, which its family follows. */
export type PrincipalClosing = 'cancelled-over-cap' | 'returned-over-cap' | 'withdrawn';

export const PRINCIPAL_CLOSINGS: readonly PrincipalClosing[] = ['cancelled-over-cap', 'returned-over-cap', 'withdrawn'];

/** M7: how a principal's application ended, which its family members' open applications follow. */
export type PrincipalOutcomeKind = 'refused' | PrincipalClosing;

/**
 * M7: the family process makes an open family member's application follow its principal's outcome
 * at `at`: refused with it (naming its `grounds`), or closed the same way. `decidedBy` names who
 * decides a refusal (the process).
 */
export type FollowPrincipal = Command<
  'FollowPrincipal',
  {
    principalApplicationId: string;
    principalOutcome: PrincipalOutcomeKind;
    at: Instant;
    grounds: readonly string[];
    decidedBy: string;
  }
>;

/**
 * M7, C4: a family member's application closed with its principal's (cancelled or returned over the
 * cap, or withdrawn), the processing and open work permit holder fees refunded as C4 says.
 */
export type ApplicationClosedWithPrincipal = Event<
  'ApplicationClosedWithPrincipal',
  { principalApplicationId: string; principalOutcome: PrincipalClosing; closedAt: Instant; refunds: FeeAmounts }
>;

/** The commands of this use case. */
export type FamilyCommand = FollowPrincipal;
/** The events its commands decide. */
export type FamilyEvent = ApplicationClosedWithPrincipal;
