import { biometricsRequirement } from './biometrics-requirement';
import { automaticLetterDueAt, biometricsDueBy } from './instruction-letter';

const RECEIVED_ON = '2024-05-02';

describe('B3 biometrics exemptions at receipt', () => {
  it('exempts an applicant under 14', () => {
    expect(biometricsRequirement({ dateOfBirth: '2010-05-03' }, RECEIVED_ON)).toEqual({
      required: false,
      exemption: 'under-minimum-age',
    });
  });

  it('requires biometrics from the 14th birthday', () => {
    expect(biometricsRequirement({ dateOfBirth: '2010-05-02' }, RECEIVED_ON)).toEqual({
      required: true,
      exemption: null,
    });
  });

  it('requires biometrics at 79', () => {
    expect(biometricsRequirement({ dateOfBirth: '1944-05-03' }, RECEIVED_ON).required).toBe(true);
  });

  it('exempts an applicant over 79 (80 and over) [INF]', () => {
    expect(biometricsRequirement({ dateOfBirth: '1944-05-02' }, RECEIVED_ON)).toEqual({
      required: false,
      exemption: 'over-maximum-age',
    });
  });

  it('exempts biometrics given 9 years ago', () => {
    expect(biometricsRequirement({ dateOfBirth: '1990-04-12', biometricsGivenOn: '2015-05-02' }, RECEIVED_ON)).toEqual({
      required: false,
      exemption: 'given-recently',
    });
  });

  it('still exempts biometrics given exactly 10 years before receipt [INF]', () => {
    expect(
      biometricsRequirement({ dateOfBirth: '1990-04-12', biometricsGivenOn: '2014-05-02' }, RECEIVED_ON).exemption,
    ).toBe('given-recently');
  });

  it('requires new biometrics when they were given 11 years ago', () => {
    expect(biometricsRequirement({ dateOfBirth: '1990-04-12', biometricsGivenOn: '2013-05-02' }, RECEIVED_ON)).toEqual({
      required: true,
      exemption: null,
    });
  });

  it('ignores a biometrics date after receipt', () => {
    expect(
      biometricsRequirement({ dateOfBirth: '1990-04-12', biometricsGivenOn: '2024-06-01' }, RECEIVED_ON).required,
    ).toBe(true);
  });
});

describe('B2 the BIL gives 30 days [INF]', () => {
  it('is due 30 days after its Eastern issue date', () => {
    expect(biometricsDueBy('2024-05-03T14:03:00Z')).toBe('2024-06-02');
    expect(biometricsDueBy('2024-05-04T02:00:00Z')).toBe('2024-06-02');
  });
});

describe('B1 the automatic BIL is due 24 hours after receipt', () => {
  it('adds 24 hours to the receipt instant', () => {
    expect(automaticLetterDueAt('2024-05-02T14:03:00Z')).toBe('2024-05-03T14:03:00.000Z');
  });
});
