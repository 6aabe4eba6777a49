import { DOCUMENT_KINDS } from '../../http/dto/enums';
import { SubmitApplicationDto } from './submit-application.dto';
import {
  applicant,
  passport,
  residence,
  submitApplication,
  submitSpouseApplication,
} from './testing/submit-application.fixture';
import { fieldErrorsOf, fieldsOf } from '../../http/dto/testing/validate-body';

const errorsOf = (body: unknown) => fieldErrorsOf(SubmitApplicationDto, body);

describe('SubmitApplicationDto names the field of', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10'])('an unreal date %s', async (date) => {
    const body = submitApplication({ applicant: applicant({ passport: passport({ expiresOn: date }) }) });
    expect(await errorsOf(body)).toEqual([
      { field: 'applicant.passport.expiresOn', message: 'expiresOn must be a real calendar date (YYYY-MM-DD)' },
    ]);
  });

  it.each(['12/04/1990', '1990-4-12', '1990-04-12T00:00:00Z', 19900412])(
    'a date not in YYYY-MM-DD form: %s',
    async (date) => {
      const body = submitApplication({ applicant: applicant({ dateOfBirth: date }) });
      expect(await errorsOf(body)).toEqual([
        { field: 'applicant.dateOfBirth', message: 'dateOfBirth must be a date in the form YYYY-MM-DD' },
      ]);
    },
  );

  it.each([
    '2024-12-02T14:03:00+00:00',
    '2024-12-02T09:03:00-05:00',
    '2024-12-02T14:03:00',
    '2024-12-02 14:03:00Z',
    '2024-12-02T14:03Z',
    '2024-12-02T24:00:00Z',
    '2024-02-30T14:03:00Z',
    '2024-12-02',
  ])('a receivedAt that is not a UTC instant: %s', async (instant) => {
    expect(fieldsOf(await errorsOf(submitApplication({ receivedAt: instant })))).toEqual(['receivedAt']);
  });

  it('a province missing for a residence in Canada', async () => {
    expect(await errorsOf(submitApplication({ residence: residence({ province: undefined }) }))).toEqual([
      { field: 'residence.province', message: 'province is required when country is CAN' },
    ]);
  });

  it('a province sent for a residence outside Canada', async () => {
    expect(await errorsOf(submitApplication({ residence: { country: 'FRA', province: 'ON' } }))).toEqual([
      { field: 'residence.province', message: 'province must be absent when country is not CAN' },
    ]);
  });

  it('a province that is not a Canadian province or territory', async () => {
    expect(fieldsOf(await errorsOf(submitApplication({ residence: residence({ province: 'ZZ' }) })))).toEqual([
      'residence.province',
    ]);
  });

  it("a spouse's missing principalApplicationId", async () => {
    expect(await errorsOf(submitSpouseApplication({ principalApplicationId: undefined }))).toEqual([
      {
        field: 'principalApplicationId',
        message: 'principalApplicationId is required when applicantType is spouse or dependent-child',
      },
    ]);
  });

  it("a dependent child's principalApplicationId that is not a UUID", async () => {
    const body = submitSpouseApplication({ applicantType: 'dependent-child', principalApplicationId: 'APP-1' });
    expect(fieldsOf(await errorsOf(body))).toEqual(['principalApplicationId']);
  });

  it("a principal's principalApplicationId", async () => {
    const body = submitApplication({ principalApplicationId: '0b8e6a52-7f43-4d1c-a5e9-2c6b1f9d3e70' });
    expect(await errorsOf(body)).toEqual([
      {
        field: 'principalApplicationId',
        message: 'principalApplicationId must be absent when applicantType is principal',
      },
    ]);
  });

  it('an upper-case applicationId', async () => {
    const body = submitApplication({ applicationId: '3F2B8C1E-5D4A-4C7B-9E21-8A6F0D2C4B19' });
    expect(fieldsOf(await errorsOf(body))).toEqual(['applicationId']);
  });

  it.each([
    [
      'applicant.familyName',
      { applicant: applicant({ familyName: 'x'.repeat(201) }) },
      'familyName must be at most 200 characters',
    ],
    [
      'applicant.passport.number',
      { applicant: applicant({ passport: passport({ number: '9'.repeat(65) }) }) },
      'number must be at most 64 characters',
    ],
    ['dutiesDescription', { dutiesDescription: 'a'.repeat(4001) }, 'dutiesDescription must be at most 4000 characters'],
    ['jobTitle', { jobTitle: 'j'.repeat(1_000_000) }, 'jobTitle must be at most 200 characters'],
  ])('a huge string: %s', async (field, overrides, message) => {
    expect(await errorsOf(submitApplication(overrides))).toEqual([{ field, message }]);
  });

  it('a blank family name', async () => {
    expect(await errorsOf(submitApplication({ applicant: applicant({ familyName: '   ' }) }))).toEqual([
      { field: 'applicant.familyName', message: 'familyName must not be blank' },
    ]);
  });

  it.each([
    ['applicant.citizenship', { applicant: applicant({ citizenship: 'fra' }) }],
    ['applicant.citizenship', { applicant: applicant({ citizenship: 'FR' }) }],
    ['applicant.passport.country', { applicant: applicant({ passport: passport({ country: 'XXA' }) }) }],
    ['residence.country', { residence: { country: 'QUE' } }],
  ])('a country that is not ISO 3166-1 alpha-3: %s', async (field, overrides) => {
    expect(fieldsOf(await errorsOf(submitApplication(overrides)))).toEqual([field]);
  });

  it.each([
    ['fees.biometrics', { biometrics: -85 }],
    ['fees.processing', { processing: 155.555 }],
    ['fees.restoration', { restoration: 1e9 }],
  ])('a bad fee: %s', async (field, fee) => {
    const fees = { processing: 155, openWorkPermitHolder: 100, biometrics: 85, ...fee };
    expect(fieldsOf(await errorsOf(submitApplication({ fees })))).toEqual([field]);
  });

  it('each unknown document kind, by index', async () => {
    const body = submitApplication({ documents: ['csq', 'passport-copy', 'invitation-letter', 7] });
    expect(fieldsOf(await errorsOf(body))).toEqual(['documents[1]', 'documents[3]']);
  });

  it('too many documents, once, without naming each element', async () => {
    const documents = Array.from({ length: 10_000 }, (_, index) => `scan-${index}`);
    expect(await errorsOf(submitApplication({ documents }))).toEqual([
      { field: 'documents', message: `documents must have at most ${DOCUMENT_KINDS.length} elements` },
    ]);
  });

  it('a repeated document kind', async () => {
    expect(await errorsOf(submitApplication({ documents: ['csq', 'lease', 'csq'] }))).toEqual([
      { field: 'documents', message: 'documents must not repeat an element' },
    ]);
  });
});
