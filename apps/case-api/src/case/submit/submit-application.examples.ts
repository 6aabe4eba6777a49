import type { ExamplesObject } from '@nestjs/swagger';

/**
 * Request bodies for `@ApiBody({ examples })`, consistent with RULES.md (P1, P2, E1–E8, D1–D3,
 * $1, B3). Property-level examples cannot express cross-field rules such as "no
 * principalApplicationId for a principal", so /docs should show these instead.
 */
export const PRINCIPAL_IN_CANADA_EXAMPLE = {
  applicationId: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19',
  applicantType: 'principal',
  receivedAt: '2024-12-02T14:03:00Z',
  channel: 'online',
  form: 'IMM5710',
  portOfEntry: false,
  applicant: {
    familyName: 'Lefebvre',
    givenNames: 'Camille Marie',
    dateOfBirth: '1990-04-12',
    citizenship: 'FRA',
    passport: { number: '21AB12345', country: 'FRA', expiresOn: '2031-01-31' },
    biometricsGivenOn: '2013-06-01',
  },
  residence: { country: 'CAN', province: 'ON' },
  inCanadaStatus: { kind: 'worker', validTo: '2025-06-30' },
  intendsToResideInQuebec: true,
  csq: { number: 'CSQ-2023-0458812', issuedOn: '2023-09-01', category: 'regular-skilled-worker' },
  invitationLetter: { number: 'PMI-2024-018342', issuedOn: '2024-11-01', receivedOn: '2024-11-03' },
  prApplication: {
    number: 'E001234567',
    submittedOn: '2024-03-15',
    aorReceivedOn: '2024-04-10',
    status: 'in-progress',
  },
  jobTitle: 'CSQ holder outside Quebec – OWP',
  dutiesDescription: 'A76: International Mobility Program Plus',
  fees: { processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 0 },
  documents: ['csq', 'invitation-letter', 'intent-to-reside', 'proof-of-residence', 'lease', 'pr-aor'],
} as const;

export const PRINCIPAL_OUTSIDE_CANADA_EXAMPLE = {
  applicantType: 'principal',
  channel: 'online',
  form: 'IMM1295',
  portOfEntry: false,
  applicant: {
    familyName: 'Benali',
    givenNames: 'Yasmine',
    dateOfBirth: '1988-11-05',
    citizenship: 'MAR',
    passport: { number: 'UX1234567', country: 'MAR', expiresOn: '2029-08-14' },
  },
  residence: { country: 'MAR' },
  intendsToResideInQuebec: true,
  csq: { number: 'CSQ-2024-0112907', issuedOn: '2024-06-20', category: 'pilot-ai-it-vfx' },
  invitationLetter: { number: 'PMI-2024-020155', issuedOn: '2024-12-10', receivedOn: '2024-12-12' },
  jobTitle: 'CSQ holder outside Quebec – OWP',
  dutiesDescription: 'A76: International Mobility Program Plus',
  fees: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 },
  documents: ['csq', 'invitation-letter', 'intent-to-reside'],
} as const;

/** The spouse of the in-Canada principal, applying after the principal's approval (RULES.md M3). */
export const SPOUSE_EXAMPLE = {
  applicationId: '5a7c9e1b-3d2f-4b6a-8c0e-1f3a5b7d9e2c',
  applicantType: 'spouse',
  principalApplicationId: PRINCIPAL_IN_CANADA_EXAMPLE.applicationId,
  receivedAt: '2025-01-20T15:00:00Z',
  channel: 'online',
  form: 'IMM5710',
  portOfEntry: false,
  applicant: {
    familyName: 'Nguyen',
    givenNames: 'Linh',
    dateOfBirth: '1991-08-23',
    citizenship: 'VNM',
    passport: { number: 'C1234567', country: 'VNM', expiresOn: '2030-03-02' },
  },
  residence: { country: 'CAN', province: 'ON' },
  inCanadaStatus: { kind: 'visitor', validTo: '2025-06-30' },
  intendsToResideInQuebec: true,
  fees: { processing: 155, openWorkPermitHolder: 100, biometrics: 85 },
  documents: ['intent-to-reside', 'proof-of-residence', 'lease'],
} as const;

export const SUBMIT_APPLICATION_EXAMPLES = {
  'principal-in-canada': {
    summary: 'Principal in Ontario, PR application in progress (IMM 5710)',
    value: PRINCIPAL_IN_CANADA_EXAMPLE,
  },
  'principal-outside-canada': {
    summary: 'Principal outside Canada, no PR application yet (IMM 1295)',
    value: PRINCIPAL_OUTSIDE_CANADA_EXAMPLE,
  },
  spouse: { summary: 'Spouse of an approved principal (C41)', value: SPOUSE_EXAMPLE },
} satisfies ExamplesObject;
