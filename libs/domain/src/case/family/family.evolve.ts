import { addAmounts } from '../../fees/fee-amounts';
import type { Evolvers } from '../registries';
import type { FamilyEvent } from './family.messages';

/** M7: the member takes its principal's closing status; a withdrawal names the principal as its reason. */
export const familyEvolvers: Evolvers<FamilyEvent> = {
  ApplicationClosedWithPrincipal: (current, { data }) => {
    const refunded = addAmounts(current.refunded, data.refunds);
    if (data.principalOutcome === 'withdrawn') {
      const withdrawalReason = `M7: closed with the principal's application ${data.principalApplicationId}`;
      return { ...current, status: 'withdrawn', withdrawnAt: data.closedAt, withdrawalReason, refunded };
    }
    return { ...current, status: data.principalOutcome, closedAt: data.closedAt, refunded };
  },
};
