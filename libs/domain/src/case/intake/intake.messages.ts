import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { FeeAmounts } from '../../fees/fee-amounts';

/** C3: the intake process records the application's number in its Eastern receipt year. */
export type AssignIntakeNumber = Command<'AssignIntakeNumber', { year: number; number: number; cap: number }>;

/** C4, C5: the over-cap sweep cancels (online) or returns (paper) an application over the cap. */
export type HandleOverCap = Command<'HandleOverCap', { at: Instant }>;

/** C6: the duplicate index found another application sharing one of this application's keys. */
export type FlagPossibleDuplicate = Command<'FlagPossibleDuplicate', { duplicateOfApplicationId: string; key: string }>;

export type IntakeNumberAssigned = Event<
  'IntakeNumberAssigned',
  { year: number; number: number; cap: number; withinCap: boolean }
>;

type OverCapData = Readonly<{ year: number; number: number; cap: number; refunds: FeeAmounts }>;
export type ApplicationCancelledOverCap = Event<'ApplicationCancelledOverCap', OverCapData & { cancelledAt: Instant }>;
export type ApplicationReturnedOverCap = Event<'ApplicationReturnedOverCap', OverCapData & { returnedAt: Instant }>;

/** C6: another application shares a passport or CSQ key with this one; both still count. */
export type PossibleDuplicateFlagged = Event<
  'PossibleDuplicateFlagged',
  { duplicateOfApplicationId: string; key: string }
>;

/**
 * H5: the year's within-cap count reached its cap with this application's number (recorded once per
 * year, on the stream of the application numbered `cap`); `reachedAt` is that application's receipt.
 */
export type IntakeCapReached = Event<
  'IntakeCapReached',
  { year: number; cap: number; reachedAt: Instant; applicationId: string }
>;

/** The commands of this use case. */
export type IntakeCommand = AssignIntakeNumber | HandleOverCap | FlagPossibleDuplicate;
/** The events its commands decide. */
export type IntakeEvent =
  | IntakeNumberAssigned
  | IntakeCapReached
  | ApplicationCancelledOverCap
  | ApplicationReturnedOverCap
  | PossibleDuplicateFlagged;
