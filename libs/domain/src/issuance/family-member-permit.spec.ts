import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import { familyMemberExemptionCode, familyMemberPermit, type FamilyMemberPermitInput } from './family-member-permit';

const principal = (overrides: Partial<PrincipalSnapshot> = {}): PrincipalSnapshot => ({
  applicationId: 'principal-1',
  status: 'permit-issued',
  permitValidTo: '2027-06-05',
  prApplicationSubmitted: false,
  ...overrides,
});

const input = (overrides: Partial<FamilyMemberPermitInput> = {}): FamilyMemberPermitInput => ({
  applicantType: 'spouse',
  issuedOn: '2024-09-02',
  receivedOn: '2024-08-01',
  passportExpiresOn: '2032-03-15',
  medical: { examCompleted: true, designatedCountry: false },
  principal: principal(),
  ...overrides,
});

/** Copied character by character from shared/RULES.md M1 (with its final period). */
const M1_REMARK_FROM_RULES = 'Authorized to work as per applicable labour laws.';

describe('M1 family-member coding', () => {
  it('codes a spouse C41 and a dependent child C46', () => {
    expect(familyMemberExemptionCode('spouse', { prApplicationSubmitted: false })).toBe('C41');
    expect(familyMemberExemptionCode('dependent-child', { prApplicationSubmitted: false })).toBe('C46');
  });

  it('codes C49 instead when the principal has submitted a PR application', () => {
    expect(familyMemberExemptionCode('spouse', { prApplicationSubmitted: true })).toBe('C49');
    expect(familyMemberExemptionCode('dependent-child', { prApplicationSubmitted: true })).toBe('C49');
  });

  it('carries case type 20, NOC 99999, Quebec as a whole and the labour-law remark', () => {
    const permit = familyMemberPermit(input());
    expect(permit).toMatchObject({
      caseType: '20',
      exemptionCode: 'C41',
      noc: '99999',
      provinceOfDestination: 'Quebec',
      cityOfDestination: 'Quebec NES',
      intendedOccupation: 'Open',
      employer: 'Open',
    });
    expect(permit.remarks).toEqual([M1_REMARK_FROM_RULES]);
    expect(permit.cityOfDestination).not.toMatch(/unknown/i);
  });

  it('codes NOC 9999 by the receipt-date rule', () => {
    expect(familyMemberPermit(input({ receivedOn: '2022-11-15', issuedOn: '2022-12-01' })).noc).toBe('9999');
  });
});

describe('M2 bounded by the principal and the own passport', () => {
  it('ends with the principal when the principal ends first', () => {
    expect(familyMemberPermit(input()).validTo).toBe('2027-06-05');
  });

  it('ends with the own passport when it expires first', () => {
    expect(familyMemberPermit(input({ passportExpiresOn: '2026-02-01' })).validTo).toBe('2026-02-01');
  });

  it('needs the principal permit issued', () => {
    expect(() =>
      familyMemberPermit(input({ principal: principal({ status: 'approved', permitValidTo: null }) })),
    ).toThrow(expect.objectContaining({ code: 'M2_PRINCIPAL_PERMIT_REQUIRED' }));
  });

  it('refuses when the own passport already expired (I2)', () => {
    expect(() => familyMemberPermit(input({ passportExpiresOn: '2024-09-01' }))).toThrow(
      expect.objectContaining({ code: 'I2_PASSPORT_EXPIRED' }),
    );
  });
});

describe('M3 the principal has at least 6 months left at receipt', () => {
  it('refuses when the principal has 5 months left', () => {
    const fiveMonths = principal({ permitValidTo: '2025-01-01' });
    expect(() => familyMemberPermit(input({ receivedOn: '2024-08-01', principal: fiveMonths }))).toThrow(
      expect.objectContaining({ code: 'M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT' }),
    );
  });

  it('issues when the principal has exactly 6 months left', () => {
    const sixMonths = principal({ permitValidTo: '2025-02-01' });
    expect(familyMemberPermit(input({ receivedOn: '2024-08-01', principal: sixMonths })).validTo).toBe('2025-02-01');
  });
});

describe('M4 the province restriction is never amended', () => {
  it('restricts every family-member permit to Quebec, whatever the code', () => {
    const codes = [
      familyMemberPermit(input()),
      familyMemberPermit(input({ applicantType: 'dependent-child' })),
      familyMemberPermit(input({ principal: principal({ prApplicationSubmitted: true }) })),
    ];
    expect(codes.map((permit) => [permit.exemptionCode, permit.provinceOfDestination])).toEqual([
      ['C41', 'Quebec'],
      ['C46', 'Quebec'],
      ['C49', 'Quebec'],
    ]);
  });
});
