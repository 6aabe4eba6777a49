import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { FeeAmounts } from '../../fees/fee-amounts';

/** M7 [OFF; INF for a withdrawal]: how a principal's application closed without a decision, which its family follows. */
export type PrincipalClosing = 'cancelled-over-cap' | 'returned-over-cap' | 'withdrawn';

export const PRINCIPAL_CLOSINGS: readonly PrincipalClosing[] = ['cancelled-over-cap', 'returned-over-cap', 'withdrawn'];

/** M7: the family process closes an open family member's application the way its principal's was closed. */
export type CloseWithPrincipal = Command<
  'CloseWithPrincipal',
  { principalApplicationId: string; principalOutcome: PrincipalClosing; at: Instant }
>;

/**
 * M7, C4: a family member's application closed with its principal's (cancelled or returned over the
 * cap, or withdrawn), the processing and open work permit holder fees refunded as C4 says.
 */
export type ApplicationClosedWithPrincipal = Event<
  'ApplicationClosedWithPrincipal',
  { principalApplicationId: string; principalOutcome: PrincipalClosing; closedAt: Instant; refunds: FeeAmounts }
>;
