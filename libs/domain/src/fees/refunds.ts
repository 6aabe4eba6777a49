import { POLICY } from '../policy/policy';
import { pickAmounts, type FeeAmounts } from './fee-amounts';

/** C4: what an over-cap application gets back (processing and open work permit holder fees by default). */
export function overCapRefunds(paid: FeeAmounts): FeeAmounts {
  return pickAmounts(paid, POLICY.overCapRefundedFees);
}

/** R3: a withdrawal is refunded only while no officer action (a BIL or a decision) happened [INF]. */
export function withdrawalRefunds(paid: FeeAmounts, officerActed: boolean): FeeAmounts {
  if (officerActed && POLICY.withdrawalRefundOnlyBeforeOfficerAction) return {};
  return pickAmounts(paid, POLICY.withdrawalRefundedFees);
}
