/**
 * One field that identifies an applicant (docs/privacy.md): named by the end of its path, so the
 * same entry matches the HTTP body (`applicant.passport.number`), the event and the command
 * (`submission.applicant.passport.number`) and the read model's state. Array indexes are not part
 * of a path: `extensions[0].prApplication.number` ends with `prApplication.number`.
 */
export type PersonalDataField = Readonly<{ path: string; label: string }>;

/**
 * The single list of identifying personal data: redacted in audit exports unless the auditor asks
 * for it, removed from structured logs, masked in error bodies, and planted by the tests that scan
 * captured output. A new identifying field is added here and to docs/privacy.md.
 */
export const PERSONAL_DATA_FIELDS: readonly PersonalDataField[] = [
  { path: 'applicant.familyName', label: 'family name' },
  { path: 'applicant.givenNames', label: 'given names' },
  { path: 'applicant.dateOfBirth', label: 'date of birth' },
  { path: 'passport.number', label: 'passport number' },
  { path: 'csq.number', label: 'CSQ number' },
  { path: 'invitationLetter.number', label: 'invitation letter number' },
  { path: 'prApplication.number', label: 'PR application number' },
];

/**
 * H4: a correction of applicant details (`{ field, previous, value }`, command or event) carries the
 * old and new value of one applicant field: `previous` and `value` are classified as that field is
 * (`applicant.<field>`), so a corrected name is withheld like the name, a passport's number like the number.
 */
export const CORRECTED_APPLICANT_FIELDS = ['familyName', 'givenNames', 'dateOfBirth', 'passport', 'residence'] as const;
export const CORRECTION_VALUE_KEYS = ['previous', 'value'] as const;

/** C6 duplicate keys carry a passport or CSQ number after their kind: `passport:FRA:19AB12345`, `csq:CSQ2023004211`. */
export const IDENTITY_KEY = /^(passport|csq):(.+)$/;

/** What replaces personal data wherever it is withheld. */
export const REDACTED = '[redacted]';

/** "family name, given names, …": for notes that tell a reader what was withheld. */
export const personalDataLabels = (): string => PERSONAL_DATA_FIELDS.map((field) => field.label).join(', ');
