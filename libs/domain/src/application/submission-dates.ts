import { isBefore, type PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';

/** P3: a receipt whose Eastern date is before the program opened (2022-05-24) cannot be an A76 application. */
export function requireProgramOpen(receivedOn: PlainDate): void {
  if (isBefore(receivedOn, POLICY.programOpenedOn)) {
    fail('P3_BEFORE_PROGRAM', `receivedAt falls on ${receivedOn} (Eastern), before the program opened on ${POLICY.programOpenedOn}`);
  }
}
