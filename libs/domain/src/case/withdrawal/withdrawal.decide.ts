import { assertNever } from '@app/kernel';
import { fail } from '../../errors/domain-error-codes';
import { feesPaidOf } from '../../fees/fees-owed';
import { withdrawalRefunds } from '../../fees/refunds';
import { officerActed } from '../case-queries';
import { requireInstantFrom, requireSubmitted } from '../guards';
import type { ApplicationState, ReceivedApplication } from '../state';
import type { WithdrawApplication, ApplicationWithdrawn } from './withdrawal.messages';
import type { Deciders } from '../registries';
import type { WithdrawalCommand } from './withdrawal.messages';

/** R3: withdrawal is allowed until a decision, and not on a case already closed. */
function withdrawable(state: ApplicationState): ReceivedApplication {
  const current = requireSubmitted(state);
  switch (current.status) {
    case 'received':
      return current;
    case 'approved':
    case 'refused':
    case 'permit-issued':
      return fail(
        'R3_ALREADY_DECIDED',
        `The application was already ${current.status}: withdrawal is allowed only until a decision`,
      );
    case 'withdrawn':
      return fail('R3_ALREADY_WITHDRAWN', `The application was withdrawn at ${current.withdrawnAt}`);
    case 'cancelled-over-cap':
    case 'returned-over-cap':
      return fail('R3_APPLICATION_CLOSED', `The application was ${current.status}`);
    default:
      return assertNever(current, 'application state');
  }
}

/** R3: the application still counts against the cap; fees come back only if no officer acted yet [INF]. */
export function decideWithdraw(
  { data }: WithdrawApplication,
  state: ApplicationState,
): readonly ApplicationWithdrawn[] {
  const current = withdrawable(state);
  const withdrawnAt = requireInstantFrom(data.requestedAt, current.receivedAt, 'requestedAt');
  const refunds = withdrawalRefunds(feesPaidOf(current.submission.fees), officerActed(current));
  return [{ type: 'ApplicationWithdrawn', data: { withdrawnAt, reason: data.reason ?? null, refunds } }];
}

/** The deciders of this use case, by command type. */
export const withdrawalDeciders: Deciders<WithdrawalCommand> = { WithdrawApplication: decideWithdraw };
