import { SubmitApplicationDto } from './submit-application.dto';
import { SUBMIT_APPLICATION_EXAMPLES } from './submit-application.examples';
import { applicant, passport, residence, submitApplication } from './testing/submit-application.fixture';
import { fieldErrorsOf, fieldsOf } from '../../http/dto/testing/validate-body';

const errorsOf = (body: unknown) => fieldErrorsOf(SubmitApplicationDto, body);

describe('SubmitApplicationDto', () => {
  describe('accepts', () => {
    it('a full principal application from inside Canada', async () => {
      expect(await errorsOf(submitApplication())).toEqual([]);
    });

    it('a minimal principal application from outside Canada', async () => {
      const body = submitApplication({
        applicationId: undefined,
        receivedAt: undefined,
        form: 'IMM1295',
        residence: { country: 'FRA' },
        inCanadaStatus: undefined,
        csq: undefined,
        invitationLetter: undefined,
        prApplication: undefined,
        jobTitle: undefined,
        dutiesDescription: undefined,
        applicant: applicant({ biometricsGivenOn: undefined, givenNames: '' }),
        fees: { processing: 0, openWorkPermitHolder: 0, biometrics: 0 },
        documents: [],
      });
      expect(await errorsOf(body)).toEqual([]);
    });

    it.each(Object.entries(SUBMIT_APPLICATION_EXAMPLES))('the documented example %s', async (_name, example) => {
      expect(await errorsOf(example.value)).toEqual([]);
    });

    it('a stateless applicant (ICAO XXA) and a leap day', async () => {
      const body = submitApplication({ applicant: applicant({ citizenship: 'XXA', dateOfBirth: '1992-02-29' }) });
      expect(await errorsOf(body)).toEqual([]);
    });

    it('an instant with fractional seconds and an amount with 2 decimals', async () => {
      const body = submitApplication({
        receivedAt: '2024-12-02T14:03:00.123Z',
        fees: { processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 239.75 },
      });
      expect(await errorsOf(body)).toEqual([]);
    });
  });

  describe('names the field of', () => {
    it.each([
      ['portOfEntry', { portOfEntry: 'false' }, 'portOfEntry must be a boolean value'],
      ['intendsToResideInQuebec', { intendsToResideInQuebec: 1 }, 'intendsToResideInQuebec must be a boolean value'],
      ['applicant.familyName', { applicant: applicant({ familyName: 42 }) }, 'familyName must be a string'],
      [
        'fees.processing',
        { fees: { processing: '155', openWorkPermitHolder: 100, biometrics: 85 } },
        'processing must be a number with at most 2 decimals',
      ],
      ['documents', { documents: 'csq' }, 'documents must be an array'],
    ])('a wrong type: %s', async (field, overrides, message) => {
      expect(await errorsOf(submitApplication(overrides))).toEqual([{ field, message }]);
    });

    it.each([
      ['form', { form: 'IMM5709' }],
      ['channel', { channel: 'fax' }],
      ['applicantType', { applicantType: 'parent' }],
      ['inCanadaStatus.kind', { inCanadaStatus: { kind: 'refugee-claimant' } }],
      ['csq.category', { csq: { number: 'CSQ-1', issuedOn: '2023-09-01', category: 'business' } }],
      ['prApplication.status', { prApplication: { number: 'E1', submittedOn: '2024-03-15', status: 'pending' } }],
    ])('an unknown enum value: %s', async (field, overrides) => {
      expect(fieldsOf(await errorsOf(submitApplication(overrides)))).toEqual([field]);
    });

    it('an unknown form, with the allowed values in the message', async () => {
      const [error] = await errorsOf(submitApplication({ form: 'IMM5709' }));
      expect(error.message).toContain('IMM1295, IMM5710');
    });

    it('a missing required nested field, once', async () => {
      const body = submitApplication({ applicant: applicant({ passport: passport({ expiresOn: undefined }) }) });
      expect(await errorsOf(body)).toEqual([
        { field: 'applicant.passport.expiresOn', message: 'expiresOn is required' },
      ]);
    });

    it('a missing nested object', async () => {
      expect(await errorsOf(submitApplication({ fees: undefined }))).toEqual([
        { field: 'fees', message: 'fees is required' },
      ]);
    });

    it.each([
      ['a string', 'Lefebvre'],
      ['an array', [applicant()]],
      ['a number', 7],
    ])('a nested value that is %s, without reporting its members', async (_kind, value) => {
      expect(await errorsOf(submitApplication({ applicant: value }))).toEqual([
        { field: 'applicant', message: 'applicant must be an object' },
      ]);
    });

    it('null sent for an optional nested object', async () => {
      expect(await errorsOf(submitApplication({ csq: null }))).toEqual([
        { field: 'csq', message: 'csq must be an object' },
      ]);
    });

    it('null sent for an optional instant', async () => {
      expect(fieldsOf(await errorsOf(submitApplication({ receivedAt: null })))).toEqual(['receivedAt']);
    });

    it('unknown properties, at the top and nested', async () => {
      const body = submitApplication({
        priority: 'high',
        applicant: applicant({ passport: passport({ mrz: 'P<FRA' }) }),
      });
      expect(await errorsOf(body)).toEqual([
        { field: 'priority', message: 'property priority should not exist' },
        { field: 'applicant.passport.mrz', message: 'property mrz should not exist' },
      ]);
    });
  });

  it('names every offending field of a body with many faults', async () => {
    const body = submitApplication({
      channel: 'fax',
      receivedAt: '2024-12-02T14:03:00+01:00',
      applicant: applicant({ dateOfBirth: '2024-02-30', passport: 'none' }),
      residence: residence({ province: undefined }),
      fees: { processing: 155, biometrics: 85 },
      documents: ['csq', 'visa'],
      extra: true,
    });
    expect(fieldsOf(await errorsOf(body)).sort()).toEqual(
      [
        'applicant.dateOfBirth',
        'applicant.passport',
        'channel',
        'documents[1]',
        'extra',
        'fees.openWorkPermitHolder',
        'receivedAt',
        'residence.province',
      ].sort(),
    );
  });
});
