import { exampleSubmission } from '../test-app';

/**
 * Personal values planted in every submission the fuzzer sends (docs/privacy.md lists the fields):
 * distinctive enough that finding one in an error body can only mean the server repeated it.
 */
export const PERSONA = {
  familyName: 'Quillfeather-Ostrova',
  givenNames: 'Zephyrine Aurelie',
  dateOfBirth: '1986-07-19',
  passportNumber: 'QX7731904',
  csqNumber: 'CSQ-2023-918273',
  invitationNumber: 'MIFI-A76-2024-7310',
  prNumber: 'E009182736',
} as const;

const PERSONAL_VALUES: readonly string[] = Object.values(PERSONA);

/** The README's example submission carrying the planted values; `variant` keeps passports apart so seeded cases are not duplicates (C6). */
export function personaSubmission(variant = ''): Record<string, unknown> {
  const example = exampleSubmission();
  const applicant = example.applicant as Record<string, unknown>;
  return {
    ...example,
    applicant: {
      ...applicant,
      familyName: PERSONA.familyName,
      givenNames: PERSONA.givenNames,
      dateOfBirth: PERSONA.dateOfBirth,
      passport: { ...(applicant.passport as Record<string, unknown>), number: `${PERSONA.passportNumber}${variant}` },
    },
    csq: { ...(example.csq as Record<string, unknown>), number: `${PERSONA.csqNumber}${variant}` },
    invitationLetter: { ...(example.invitationLetter as Record<string, unknown>), number: PERSONA.invitationNumber },
    prApplication: {
      number: PERSONA.prNumber,
      submittedOn: '2024-06-01',
      aorReceivedOn: '2024-07-02',
      status: 'in-progress',
    },
    documents: ['csq', 'invitation-letter', 'intent-to-reside', 'pr-aor'],
  };
}

/** The planted values found in a text, however the text escapes non-ASCII characters around them. */
export const personalValuesFoundIn = (text: string): string[] =>
  PERSONAL_VALUES.filter((value) => text.includes(value));
