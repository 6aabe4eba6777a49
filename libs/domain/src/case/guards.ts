import { isPersonalPath } from '@app/personal-data';
import { assertNever } from '@app/kernel';
import { compareInstants, isInstant, type Instant } from '../dates/instant';
import { isBefore, isPlainDate, type PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import type { ApplicationState, ReceivedApplication, SubmittedApplication } from './state';

/** The application exists (was received); otherwise the command is about nothing. */
export function requireSubmitted(state: ApplicationState): SubmittedApplication {
  if (state.status === 'new') fail('APPLICATION_NOT_FOUND', 'No application was submitted under this id');
  return state;
}

/** R2: the application is still open to officer action: not decided, cancelled, returned or withdrawn. */
export function requireUndecided(state: ApplicationState): ReceivedApplication {
  const current = requireSubmitted(state);
  switch (current.status) {
    case 'received':
      return current;
    case 'approved':
    case 'refused':
    case 'permit-issued':
      return fail(
        'R2_ALREADY_DECIDED',
        `The application was already ${current.status === 'refused' ? 'refused' : 'approved'}`,
      );
    case 'cancelled-over-cap':
    case 'returned-over-cap':
    case 'withdrawn':
      return fail('R2_APPLICATION_CLOSED', `The application is ${current.status}`);
    default:
      return assertNever(current, 'application state');
  }
}

/** T1: an instant field of a command is a real ISO-8601 instant. */
export function requireInstant(value: Instant, field: string): Instant {
  if (!isInstant(value)) fail('T1_INVALID_INSTANT', `${field} is not an ISO-8601 instant: ${String(value)}`);
  return value;
}

/**
 * T1: a date field of a command is a real YYYY-MM-DD date. The message quotes the value, unless the
 * field is personal data by the shared classification (a date of birth, docs/privacy.md): then it
 * names the field only.
 */
export function requireDate(value: PlainDate, field: string): PlainDate {
  if (isPlainDate(value)) return value;
  const personal = isPersonalPath(field.split('.'));
  fail(
    'T1_INVALID_DATE',
    personal ? `${field} is not a YYYY-MM-DD date` : `${field} is not a YYYY-MM-DD date: ${String(value)}`,
  );
}

/** T1: a valid instant no earlier than `earliest` (nothing happens before the receipt or the event it follows). */
export function requireInstantFrom(value: Instant, earliest: Instant, field: string): Instant {
  if (compareInstants(requireInstant(value, field), earliest) < 0)
    fail('T1_BEFORE_RECEIPT', `${field} ${value} is before ${earliest}`);
  return value;
}

/** T1: a valid date no earlier than `earliest`. */
export function requireDateFrom(value: PlainDate, earliest: PlainDate, field: string): PlainDate {
  if (isBefore(requireDate(value, field), earliest))
    fail('T1_BEFORE_RECEIPT', `${field} ${value} is before ${earliest}`);
  return value;
}
