import { addAmounts } from '../../fees/fee-amounts';
import type { Evolvers } from '../registries';
import type { IntakeEvent } from './intake.messages';

/**
 * C3–C6, H5: the intake number, the over-cap closings with their refunds, a possible duplicate; the
 * year's cap reached is a fact about the year and leaves the case as it is.
 */
export const intakeEvolvers: Evolvers<IntakeEvent> = {
  IntakeNumberAssigned: (current, { data }) => ({ ...current, intake: data }),
  IntakeCapReached: (current) => current,
  ApplicationCancelledOverCap: (current, { data }) => ({
    ...current,
    status: 'cancelled-over-cap',
    closedAt: data.cancelledAt,
    refunded: addAmounts(current.refunded, data.refunds),
  }),
  ApplicationReturnedOverCap: (current, { data }) => ({
    ...current,
    status: 'returned-over-cap',
    closedAt: data.returnedAt,
    refunded: addAmounts(current.refunded, data.refunds),
  }),
  PossibleDuplicateFlagged: (current, { data }) => ({
    ...current,
    possibleDuplicateOf: { applicationId: data.duplicateOfApplicationId, key: data.key },
  }),
};
