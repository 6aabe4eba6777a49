import { addMonthsClamped, earliestDate, isBefore, type PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';

/** I2: no permit may end before it starts: a passport expired before the start day blocks it. */
export function assertPassportValidOn(startsOn: PlainDate, passportExpiresOn: PlainDate): void {
  if (isBefore(passportExpiresOn, startsOn)) {
    fail('I2_PASSPORT_EXPIRED', `The passport expired on ${passportExpiresOn}, before ${startsOn}`);
  }
}

/**
 * Section 9, I1, I2: 36 months from the issue date (same day of month, clamped to month end) or
 * the passport expiry, whichever comes first. Throws I2 when the passport expired before issue.
 */
export function permitValidTo(issuedOn: PlainDate, passportExpiresOn: PlainDate): PlainDate {
  assertPassportValidOn(issuedOn, passportExpiresOn);
  return earliestDate(addMonthsClamped(issuedOn, POLICY.permitValidityMonths), passportExpiresOn);
}

/** M2: a family member's permit ends no later than the principal's authorization and the member's own passport. */
export function familyMemberValidTo(
  issuedOn: PlainDate,
  passportExpiresOn: PlainDate,
  principalValidTo: PlainDate,
): PlainDate {
  assertPassportValidOn(issuedOn, passportExpiresOn);
  if (isBefore(principalValidTo, issuedOn)) {
    fail(
      'M2_PRINCIPAL_PERMIT_EXPIRED',
      `The principal's authorization ended on ${principalValidTo}, before ${issuedOn}`,
    );
  }
  return earliestDate(principalValidTo, passportExpiresOn);
}
