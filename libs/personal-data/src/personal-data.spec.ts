import { PERSONAL_DATA_FIELDS, REDACTED, personalDataLabels } from './personal-data-fields';
import {
  isPersonalPath,
  maskPersonalValues,
  personalValuesIn,
  personalValuesMasker,
  redactPersonalData,
} from './redaction';

const submission = () => ({
  applicantType: 'principal',
  applicant: {
    familyName: 'Tremblay',
    givenNames: 'Camille',
    dateOfBirth: '1990-04-12',
    citizenship: 'FRA',
    passport: { number: '19AB12345', country: 'FRA', expiresOn: '2031-01-31' },
  },
  csq: { number: 'CSQ-2023-004211', issuedOn: '2023-09-01', category: 'regular-skilled-worker' },
  invitationLetter: { number: 'MIFI-A76-2024-1187', issuedOn: '2024-11-01', receivedOn: '2024-11-03' },
  prApplication: { number: 'E001234567', submittedOn: '2024-06-01', status: 'in-progress' },
});
const IDENTIFYING = [
  'Tremblay',
  'Camille',
  '1990-04-12',
  '19AB12345',
  'CSQ-2023-004211',
  'MIFI-A76-2024-1187',
  'E001234567',
];

describe('the personal-data classification', () => {
  it('names one field per identifying value of a submission, each with a label', () => {
    expect(personalValuesIn(submission()).sort()).toEqual([...IDENTIFYING].sort());
    expect(PERSONAL_DATA_FIELDS).toHaveLength(IDENTIFYING.length);
    expect(personalDataLabels()).toBe(
      'family name, given names, date of birth, passport number, CSQ number, invitation letter number, PR application number',
    );
  });

  it('matches a field by the end of its path, however deep it is nested, and nothing else', () => {
    expect(isPersonalPath(['submission', 'applicant', 'passport', 'number'])).toBe(true);
    expect(isPersonalPath(['extensions', 'prApplication', 'number'])).toBe(true);
    expect(isPersonalPath(['intake', 'number'])).toBe(false);
    expect(isPersonalPath(['passport', 'country'])).toBe(false);
    expect(isPersonalPath(['number'])).toBe(false);
  });
});

describe('redactPersonalData', () => {
  it('withholds every classified field of an event and keeps the facts an audit needs', () => {
    const event = {
      applicationId: 'a-1',
      submission: submission(),
      extensions: [{ prApplication: { number: 'E001234567', submittedOn: '2024-06-01' } }],
    };
    const redacted = redactPersonalData(event);
    const text = JSON.stringify(redacted);
    for (const value of IDENTIFYING) expect(text).not.toContain(value);
    expect(redacted).toMatchObject({
      applicationId: 'a-1',
      submission: {
        applicant: {
          familyName: REDACTED,
          citizenship: 'FRA',
          passport: { number: REDACTED, country: 'FRA', expiresOn: '2031-01-31' },
        },
        csq: { number: REDACTED, issuedOn: '2023-09-01' },
      },
      extensions: [{ prApplication: { number: REDACTED, submittedOn: '2024-06-01' } }],
    });
    expect(JSON.stringify(event)).toContain('19AB12345');
  });

  it('withholds a field by its whole path, not by its key alone: a `number` anywhere else stays', () => {
    const event = {
      intake: { number: '2024-0001' },
      number: 7,
      passport: { number: '19AB12345', country: { number: 250 } },
    };
    expect(redactPersonalData(event)).toEqual({
      intake: { number: '2024-0001' },
      number: 7,
      passport: { number: REDACTED, country: { number: 250 } },
    });
    expect(personalValuesIn(event)).toEqual(['19AB12345']);
  });

  it('withholds the number inside a C6 identity key but keeps its kind', () => {
    expect(redactPersonalData({ duplicateOfApplicationId: 'a-1', key: 'passport:FRA:19AB12345' })).toEqual({
      duplicateOfApplicationId: 'a-1',
      key: `passport:${REDACTED}`,
    });
    expect(redactPersonalData(['csq:CSQ2023004211'])).toEqual([`csq:${REDACTED}`]);
  });

  it('withholds a classified field whatever its type, and copies a __proto__ key as data', () => {
    const hostile = JSON.parse('{"applicant": {"familyName": {"first": "Tremblay"}}, "__proto__": {"polluted": true}}');
    const redacted = redactPersonalData(hostile) as Record<string, unknown>;
    expect(redacted.applicant).toEqual({ familyName: REDACTED });
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('also masks the case’s personal values wherever another string quotes them', () => {
    const event = {
      submission: submission(),
      screening: [{ rule: 'E6', detail: 'MIFI letter MIFI-A76-2024-1187 dated 2024-11-01' }],
    };
    expect(redactPersonalData(event, personalValuesIn(event))).toMatchObject({
      screening: [{ rule: 'E6', detail: `MIFI letter ${REDACTED} dated 2024-11-01` }],
    });
    expect(redactPersonalData(event)).toMatchObject({
      screening: [{ detail: 'MIFI letter MIFI-A76-2024-1187 dated 2024-11-01' }],
    });
  });

  it('changes nothing when applied again to data it already redacted, as the audit CLI does to what the API sent', () => {
    const event = {
      submission: submission(),
      screening: [{ rule: 'E4', detail: 'CSQ CSQ-2023-004211 valid until 2026-09-01' }],
      duplicate: { key: 'passport:FRA:19AB12345', note: 'seen as passport:FRA:19AB12345' },
    };
    const once = redactPersonalData(event, personalValuesIn(event));
    expect(personalValuesIn(once)).toEqual([]);
    expect(redactPersonalData(once, personalValuesIn(once))).toEqual(once);
    expect(once).toMatchObject({
      screening: [{ detail: `CSQ ${REDACTED} valid until 2026-09-01` }],
      duplicate: { key: `passport:${REDACTED}`, note: `seen as ${REDACTED}` },
    });
  });

  it('copies plain data only: class instances pass as they are, and what nests too deep is withheld whole', () => {
    const request = new (class Request {
      body = { applicant: { familyName: 'Tremblay' } };
    })();
    const when = new Date(0);
    expect(redactPersonalData({ req: request, when })).toEqual({ req: request, when });
    const deep = JSON.parse(`${'['.repeat(100)}"passport:FRA:19AB12345"${']'.repeat(100)}`);
    expect(JSON.stringify(redactPersonalData(deep))).not.toContain('19AB12345');
  });
});

describe('maskPersonalValues', () => {
  it('masks every personal value found in a request, longest first', () => {
    const values = personalValuesIn({ prApplication: { number: 'E00123' }, key: 'passport:FRA:19AB12345' });
    expect(maskPersonalValues('PR application E00123 has no AOR; E001234 differs; 19AB12345 seen', values)).toBe(
      `PR application ${REDACTED} has no AOR; ${REDACTED}4 differs; ${REDACTED} seen`,
    );
  });

  it('masks many texts with the same values as it masks each alone (personalValuesMasker)', () => {
    const values = personalValuesIn({ prApplication: { number: 'E00123' }, key: 'passport:FRA:19AB12345', a: ' Li ' });
    const mask = personalValuesMasker(values);
    const texts = ['E00123 and E001234', '19AB12345', 'Li is at VAC', 'nothing personal'];
    expect(texts.map(mask)).toEqual(texts.map((text) => maskPersonalValues(text, values)));
    expect(mask('E001234 then 19AB12345')).toBe(`${REDACTED}4 then ${REDACTED}`);
  });

  it('leaves values too short to identify anyone, and bounded-depth bodies, alone', () => {
    expect(maskPersonalValues('Li is at VAC', personalValuesIn({ applicant: { familyName: 'Li' } }))).toBe(
      'Li is at VAC',
    );
    const deep = JSON.parse(`${'['.repeat(2000)}{"applicant": {"familyName": "Tremblay"}}${']'.repeat(2000)}`);
    expect(personalValuesIn(deep)).toEqual([]);
  });
});

describe('H4 corrections of applicant details are classified as the field they correct', () => {
  it('withholds the previous and the corrected value of a name, a date of birth and a passport number', () => {
    const corrections = [
      { field: 'familyName', previous: 'Tremblay', value: 'Tremblay-Roy', reason: 'Typo at intake' },
      { field: 'dateOfBirth', previous: '1990-04-12', value: '1990-04-21', reason: 'Day and month swapped' },
    ];
    expect(redactPersonalData(corrections)).toEqual([
      { field: 'familyName', previous: REDACTED, value: REDACTED, reason: 'Typo at intake' },
      { field: 'dateOfBirth', previous: REDACTED, value: REDACTED, reason: 'Day and month swapped' },
    ]);
    const passport = {
      field: 'passport',
      previous: { number: '19AB12345', country: 'FRA', expiresOn: '2031-01-31' },
      value: { number: '21CD67890', country: 'FRA', expiresOn: '2034-02-28' },
    };
    expect(redactPersonalData(passport)).toEqual({
      field: 'passport',
      previous: { number: REDACTED, country: 'FRA', expiresOn: '2031-01-31' },
      value: { number: REDACTED, country: 'FRA', expiresOn: '2034-02-28' },
    });
    expect(personalValuesIn([...corrections, passport])).toEqual(
      expect.arrayContaining(['Tremblay', 'Tremblay-Roy', '1990-04-12', '1990-04-21', '19AB12345', '21CD67890']),
    );
  });

  it('keeps a corrected residence, and a `value` beside any other field, as they are', () => {
    const residence = {
      field: 'residence',
      previous: { country: 'CAN', province: 'ON' },
      value: { country: 'CAN', province: 'QC' },
    };
    expect(redactPersonalData(residence)).toEqual(residence);
    expect(redactPersonalData({ field: 'status', value: 'Tremblay' })).toEqual({ field: 'status', value: 'Tremblay' });
  });
});
