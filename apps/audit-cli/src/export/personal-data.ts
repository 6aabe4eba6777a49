/** What replaces personal data in an export made without `--include-personal-data`. */
export const REDACTED = '[redacted]';

/** The applicant's identity: names and date of birth wherever they appear. */
const PERSONAL_FIELDS = new Set(['familyName', 'givenNames', 'dateOfBirth']);
/** Duplicate keys (C6) embed a passport or CSQ number after their kind: `passport:FRA:19AB12345`. */
const IDENTITY_KEY = /^(passport|csq):.+$/;

/**
 * A copy of `value` without the applicant's names, date of birth, passport number or the
 * identity keys derived from them. The stored events are not touched; a redacted copy no longer
 * matches its hashes, which is why an export carries the verification made on the stored events.
 */
export function redactPersonalData(value: unknown, parent = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => redactPersonalData(item, parent));
  if (typeof value === 'string') return IDENTITY_KEY.test(value) ? `${value.split(':')[0]}:${REDACTED}` : value;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => {
      const personal = PERSONAL_FIELDS.has(key) || (parent === 'passport' && key === 'number');
      return [key, personal ? REDACTED : redactPersonalData(member, key)];
    }),
  );
}
