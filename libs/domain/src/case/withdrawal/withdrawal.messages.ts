import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { FeeAmounts } from '../../fees/fee-amounts';

export type WithdrawApplication = Command<'WithdrawApplication', { requestedAt: Instant; reason?: string | null }>;

/** R3: `refunds` is empty once an officer acted; the application still counts against the cap. */
export type ApplicationWithdrawn = Event<
  'ApplicationWithdrawn',
  { withdrawnAt: Instant; reason: string | null; refunds: FeeAmounts }
>;

/** The commands of this use case. */
export type WithdrawalCommand = WithdrawApplication;
/** The events its commands decide. */
export type WithdrawalEvent = ApplicationWithdrawn;
