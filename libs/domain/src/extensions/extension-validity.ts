import { addMonthsClamped, earliestDate, isAfter, isBefore, type PlainDate } from '../dates/plain-date';
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
  /** X5, M2: a family member's renewal ends no later than the principal's current authorization. */
  principalValidTo?: PlainDate | null;
}>;

/**
 * X3, X5, I1, I2: the new end of validity: `months` from the decision date [INF] (same day of month,
 * clamped), capped by passport expiry and, for a family member, by the principal's authorization;
 * it must end after the current validity.
 */
export function extensionValidTo(input: ExtensionValidityInput): PlainDate {
  const { decidedOn, months, currentValidTo, passportExpiresOn, principalValidTo } = input;
  assertPassportValidOn(decidedOn, passportExpiresOn);
  if (principalValidTo && isBefore(principalValidTo, decidedOn)) {
    fail(
      'M2_PRINCIPAL_PERMIT_EXPIRED',
      `The principal's authorization ended on ${principalValidTo}, before ${decidedOn}`,
    );
  }
  const start = POLICY.extensionRunsFrom === 'decision-date' ? decidedOn : currentValidTo;
  const caps = principalValidTo ? [passportExpiresOn, principalValidTo] : [passportExpiresOn];
  const validTo = earliestDate(addMonthsClamped(start, months), ...caps);
  if (!isAfter(validTo, currentValidTo)) {
    fail('X3_NOTHING_TO_EXTEND', `The extension would end on ${validTo}, not after the current ${currentValidTo}`);
  }
  return validTo;
}
