import { principalPermit, type PrincipalPermitInput } from './principal-permit';
import { openNocFor } from './noc';

const input = (overrides: Partial<PrincipalPermitInput> = {}): PrincipalPermitInput => ({
  issuedOn: '2024-06-05',
  receivedOn: '2024-05-02',
  passportExpiresOn: '2031-01-31',
  medical: { examCompleted: true, designatedCountry: false },
  ...overrides,
});

describe('section 9 GCMS coding of a principal A76 permit', () => {
  it('carries exactly the coding table', () => {
    expect(principalPermit(input())).toEqual({
      authority: 'R205(a)',
      caseType: '27',
      exemptionCode: 'A76',
      provinceOfDestination: 'Quebec',
      cityOfDestination: 'Quebec NES',
      noc: '99999',
      intendedOccupation: 'Open',
      employer: 'Open',
      issuedOn: '2024-06-05',
      validTo: '2027-06-05',
      conditions: ['Not authorized to work in any location other than stated.'],
      userNote: 'CSQ holders – A76',
      remarks: [],
    });
  });

  it('codes NOC 9999 for an application received on 2022-11-15', () => {
    expect(openNocFor('2022-11-15')).toBe('9999');
    expect(principalPermit(input({ receivedOn: '2022-11-15', issuedOn: '2023-01-10' })).noc).toBe('9999');
  });

  it('codes NOC 99999 for an application received on 2022-11-16', () => {
    expect(openNocFor('2022-11-16')).toBe('99999');
  });
});

describe('I1 36 months, same day of month, clamped to month end', () => {
  it('issued 2024-02-29 is valid to 2027-02-28', () => {
    expect(principalPermit(input({ issuedOn: '2024-02-29' })).validTo).toBe('2027-02-28');
  });

  it('ends at passport expiry when the passport expires before 36 months', () => {
    expect(principalPermit(input({ passportExpiresOn: '2026-01-31' })).validTo).toBe('2026-01-31');
  });
});

describe('I2 no permit ends before it starts', () => {
  it('refuses issuance when the passport already expired', () => {
    expect(() => principalPermit(input({ passportExpiresOn: '2024-06-04' }))).toThrow(
      expect.objectContaining({ code: 'I2_PASSPORT_EXPIRED' }),
    );
  });

  it('issues a one-day permit when the passport expires on the issue date', () => {
    expect(principalPermit(input({ passportExpiresOn: '2024-06-05' })).validTo).toBe('2024-06-05');
  });
});

describe('I3 medical conditions', () => {
  const NO_EXAM =
    'Not authorized to work in 1) child care, 2) primary or secondary school teaching, 3) health services field occupations.';

  it('restricts child care, teaching and health services without a completed exam', () => {
    const permit = principalPermit(input({ medical: { examCompleted: false, designatedCountry: false } }));
    expect(permit.conditions).toEqual(['Not authorized to work in any location other than stated.', NO_EXAM]);
  });

  it('adds agricultural occupations for a resident of a designated country', () => {
    const permit = principalPermit(input({ medical: { examCompleted: false, designatedCountry: true } }));
    expect(permit.conditions[1]).toBe(
      'Not authorized to work in 1) child care, 2) primary or secondary school teaching, 3) health services field occupations, 4) agricultural occupations.',
    );
  });

  it('adds no medical condition after a passed exam', () => {
    expect(
      principalPermit(input({ medical: { examCompleted: true, designatedCountry: true, result: 'M1' } })).conditions,
    ).toHaveLength(1);
  });

  it('adds the medical surveillance condition for S2', () => {
    const conditions = principalPermit(
      input({ medical: { examCompleted: true, designatedCountry: false, result: 'S2' } }),
    ).conditions;
    expect(conditions).toHaveLength(2);
    expect(conditions[1]).toMatch(/medical surveillance/);
  });

  it.each(['M4', 'M6'] as const)('issues no permit on medical result %s', (result) => {
    expect(() =>
      principalPermit(input({ medical: { examCompleted: true, designatedCountry: false, result } })),
    ).toThrow(expect.objectContaining({ code: 'I3_MEDICALLY_INADMISSIBLE' }));
  });

  it('refuses a medical result without a completed exam', () => {
    expect(() =>
      principalPermit(input({ medical: { examCompleted: false, designatedCountry: false, result: 'M1' } })),
    ).toThrow(expect.objectContaining({ code: 'I3_RESULT_WITHOUT_EXAM' }));
  });
});
