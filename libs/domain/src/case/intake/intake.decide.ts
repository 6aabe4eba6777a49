import { duplicateKeyKind, duplicateKeys } from '../../cap/duplicate-keys';
import { capForYear } from '../../cap/cap-table';
import { isWithinCap, overCapOutcome } from '../../cap/intake';
import { fail } from '../../errors/domain-error-codes';
import { feesPaidOf } from '../../fees/fees-owed';
import { overCapRefunds } from '../../fees/refunds';
import { letterCancellation } from '../letter-cancellation';
import type { ApplicationEvent } from '../events';
import { requireInstantFrom, requireSubmitted } from '../guards';
import type { ApplicationState, SubmittedApplication } from '../state';
import type {
  AssignIntakeNumber,
  FlagPossibleDuplicate,
  HandleOverCap,
  IntakeCapReached,
  IntakeNumberAssigned,
  PossibleDuplicateFlagged,
} from './intake.messages';
import type { Deciders } from '../registries';
import type { IntakeCommand } from './intake.messages';

/** C2: only principals' applications are numbered against the cap. */
function requireCounted(state: ApplicationState): SubmittedApplication {
  const current = requireSubmitted(state);
  if (!current.countsAgainstCap) fail('C2_NOT_COUNTED', 'Family-member applications do not count against the A76 cap');
  return current;
}

/**
 * C1, C3: records the number the intake process gave the application in its Eastern receipt year.
 * Every received principal is numbered, whatever happened since (C2). The same number again is a no-op.
 * H5: the number equal to the cap brings the within-cap count to the cap: it is recorded with it, once
 * per year, since C3 gives each number of a year to one application only.
 */
export function decideAssignIntakeNumber(
  { data }: AssignIntakeNumber,
  state: ApplicationState,
): readonly (IntakeNumberAssigned | IntakeCapReached)[] {
  const current = requireCounted(state);
  if (data.year !== current.intakeYear) {
    fail('C3_INTAKE_YEAR_MISMATCH', `Received in Eastern year ${current.intakeYear}, not ${data.year}`);
  }
  if (!Number.isInteger(data.number) || data.number < 1)
    fail('C3_INVALID_INTAKE_NUMBER', `Not an intake number: ${data.number}`);
  const cap = capForYear(data.year);
  if (cap === null) fail('C1_NO_CAP_FOR_YEAR', `No cap for ${data.year}`);
  if (data.cap !== cap) fail('C1_CAP_MISMATCH', `The cap of ${data.year} is ${cap}, not ${data.cap}`);
  if (current.intake !== null) {
    if (current.intake.year === data.year && current.intake.number === data.number) return [];
    fail('C3_INTAKE_NUMBER_ALREADY_ASSIGNED', `Already number ${current.intake.number} of ${current.intake.year}`);
  }
  const assigned: IntakeNumberAssigned = {
    type: 'IntakeNumberAssigned',
    data: { year: data.year, number: data.number, cap, withinCap: isWithinCap(data.number, cap) },
  };
  if (data.number !== cap) return [assigned];
  const reached: IntakeCapReached = {
    type: 'IntakeCapReached',
    data: { year: data.year, cap, reachedAt: current.receivedAt, applicationId: current.applicationId },
  };
  return [assigned, reached];
}

/**
 * C4, C5: an over-cap application is cancelled (online) or returned (paper), never refused, with the
 * processing and open work permit holder fees refunded. Repeating it on a closed case is a no-op.
 */
export function decideHandleOverCap({ data }: HandleOverCap, state: ApplicationState): readonly ApplicationEvent[] {
  const current = requireCounted(state);
  if (current.status === 'cancelled-over-cap' || current.status === 'returned-over-cap') return [];
  const intake = current.intake;
  if (intake === null || intake.withinCap) fail('C4_NOT_OVER_CAP', 'The application is not over the cap');
  if (current.status === 'withdrawn') fail('R3_ALREADY_WITHDRAWN', 'The application was withdrawn');
  if (current.status !== 'received') fail('R2_ALREADY_DECIDED', `The application is already ${current.status}`);
  const at = requireInstantFrom(data.at, current.receivedAt, 'at');
  const overCap = {
    year: intake.year,
    number: intake.number,
    cap: intake.cap,
    refunds: overCapRefunds(feesPaidOf(current.submission.fees)),
  };
  const closing: ApplicationEvent =
    overCapOutcome(current.submission.channel) === 'cancelled'
      ? { type: 'ApplicationCancelledOverCap', data: { ...overCap, cancelledAt: at } }
      : { type: 'ApplicationReturnedOverCap', data: { ...overCap, returnedAt: at } };
  return [...letterCancellation(current, at, 'over-cap'), closing];
}

/** C6: names the kind of key that does not match, never the passport or CSQ number in it (docs/privacy.md). */
function failKeyMismatch(key: string): never {
  const kind = duplicateKeyKind(key);
  return fail(
    'C6_KEY_MISMATCH',
    kind === null
      ? 'The key given is neither a passport nor a CSQ key'
      : `The ${kind} key given is not one of this application's keys`,
  );
}

/** C6 [INF]: flags the application as a possible duplicate of an earlier one sharing a key; it still counts. */
export function decideFlagPossibleDuplicate(
  { data }: FlagPossibleDuplicate,
  state: ApplicationState,
): readonly PossibleDuplicateFlagged[] {
  const current = requireSubmitted(state);
  if (data.duplicateOfApplicationId === current.applicationId)
    fail('C6_SELF_DUPLICATE', 'An application cannot duplicate itself');
  if (!duplicateKeys(current.submission).includes(data.key)) failKeyMismatch(data.key);
  const flagged = current.possibleDuplicateOf;
  if (flagged !== null) {
    if (flagged.applicationId === data.duplicateOfApplicationId) return [];
    fail('C6_ALREADY_FLAGGED', `Already flagged as a possible duplicate of ${flagged.applicationId}`);
  }
  return [
    {
      type: 'PossibleDuplicateFlagged',
      data: { duplicateOfApplicationId: data.duplicateOfApplicationId, key: data.key },
    },
  ];
}

/** The deciders of this use case, by command type. */
export const intakeDeciders: Deciders<IntakeCommand> = {
  AssignIntakeNumber: decideAssignIntakeNumber,
  HandleOverCap: decideHandleOverCap,
  FlagPossibleDuplicate: decideFlagPossibleDuplicate,
};
