import { addAmounts } from '../../fees/fee-amounts';
import type { Evolvers } from '../registries';
import type { WithdrawalEvent } from './withdrawal.messages';

/** R3: withdrawn, with what was refunded. */
export const withdrawalEvolvers: Evolvers<WithdrawalEvent> = {
  ApplicationWithdrawn: (current, { data }) => ({
    ...current,
    status: 'withdrawn',
    withdrawnAt: data.withdrawnAt,
    withdrawalReason: data.reason,
    refunded: addAmounts(current.refunded, data.refunds),
  }),
};
