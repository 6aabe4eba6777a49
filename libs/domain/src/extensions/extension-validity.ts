import { addMonthsClamped, earliestDate, isAfter, type PlainDate } from '../dates/plain-date';
import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';
import { assertPassportValidOn } from '../issuance/permit-validity';

/** X3: the officer's chosen length, or 1 year by default; whole months from 1 to 36. */
export function extensionMonths(chosen: number | undefined): number {
  const months = chosen ?? POLICY.defaultExtensionMonths;
  const { min, max } = POLICY.extensionMonthsRange;
  if (!Number.isInteger(months) || months < min || months > max) {
    fail('X3_MONTHS_OUT_OF_RANGE', `An extension lasts ${min} to ${max} whole months, not ${months}`);
  }
  return months;
}

export type ExtensionValidityInput = Readonly<{
  decidedOn: PlainDate;
  months: number;
  /** The permit's current end (the permit or the latest approved extension). */
  currentValidTo: PlainDate;
  passportExpiresOn: PlainDate;
}>;

/**
 * X3, I1, I2: the new end of validity: `months` from the decision date [INF] (same day of month,
 * clamped), capped by passport expiry; it must end after the current validity.
 */
export function extensionValidTo({ decidedOn, months, currentValidTo, passportExpiresOn }: ExtensionValidityInput): PlainDate {
  assertPassportValidOn(decidedOn, passportExpiresOn);
  const start = POLICY.extensionRunsFrom === 'decision-date' ? decidedOn : currentValidTo;
  const validTo = earliestDate(addMonthsClamped(start, months), passportExpiresOn);
  if (!isAfter(validTo, currentValidTo)) {
    fail('X3_NOTHING_TO_EXTEND', `The extension would end on ${validTo}, not after the current ${currentValidTo}`);
  }
  return validTo;
}
