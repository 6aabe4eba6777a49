import { POLICY } from '../policy/policy';
import type { Applicant, Submission } from '../submission/submission';

const normalise = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * C6: the keys under which two applications are "the same person": the passport (country and
 * number) and the CSQ number, normalised (case, spaces and punctuation ignored). Applications
 * sharing any key are possible duplicates; the second one still counts against the cap.
 */
export function duplicateKeys(
  submission: Pick<Submission, 'csq'> & { applicant: Pick<Applicant, 'passport'> },
): readonly string[] {
  const keys: string[] = [];
  for (const field of POLICY.duplicateMatchOn) {
    if (field === 'passport') {
      const { country, number } = submission.applicant.passport;
      keys.push(`passport:${normalise(country)}:${normalise(number)}`);
    } else if (submission.csq && normalise(submission.csq.number) !== '') {
      keys.push(`csq:${normalise(submission.csq.number)}`);
    }
  }
  return keys;
}

const KEY_KINDS = { passport: 'passport', csq: 'CSQ' } as const;

/**
 * C6: what a duplicate key is made of ("passport", "CSQ"), without the number it carries; null
 * for a string that is not a duplicate key. A key names a person, so messages name its kind only
 * (docs/privacy.md).
 */
export function duplicateKeyKind(key: string): (typeof KEY_KINDS)[keyof typeof KEY_KINDS] | null {
  const colon = key.indexOf(':');
  const prefix = colon < 0 ? '' : key.slice(0, colon);
  return prefix === 'passport' || prefix === 'csq' ? KEY_KINDS[prefix] : null;
}
