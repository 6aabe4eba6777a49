import { biometricFeeOwed, feesOwed, feesPaidOf } from './fees-owed';
import { FEE_TABLE, feeScheduleOn } from './fee-table';
import { addAmounts, shortfall } from './fee-amounts';

const required = { required: true, exemption: null } as const;
const exempt = { required: false, exemption: 'under-minimum-age' } as const;

describe('$1 work permit fees: processing 155, open work permit holder 100, biometrics 85', () => {
  it('owes the three fees on any receipt date', () => {
    expect(feesOwed({}, '2024-05-02', required)).toEqual({
      processing: 155,
      openWorkPermitHolder: 100,
      biometrics: 85,
    });
    expect(feesOwed({}, '2026-02-01', required)).toEqual({
      processing: 155,
      openWorkPermitHolder: 100,
      biometrics: 85,
    });
  });

  it('owes no biometric fee when exempt from biometrics (B3)', () => {
    expect(feesOwed({}, '2024-05-02', exempt)).toEqual({ processing: 155, openWorkPermitHolder: 100, biometrics: 0 });
  });

  it('caps a family at 170 of biometric fees [INF]', () => {
    expect(biometricFeeOwed('2024-05-02', required, 0)).toBe(85);
    expect(biometricFeeOwed('2024-05-02', required, 85)).toBe(85);
    expect(biometricFeeOwed('2024-05-02', required, 170)).toBe(0);
    expect(biometricFeeOwed('2024-05-02', required, 120)).toBe(50);
  });

  it('reads the paid fees of a submission, restoration only when given', () => {
    expect(feesPaidOf({ processing: 155, openWorkPermitHolder: 100, biometrics: 0 })).toEqual({
      processing: 155,
      openWorkPermitHolder: 100,
      biometrics: 0,
    });
    expect(
      feesPaidOf({ processing: 155, openWorkPermitHolder: 100, biometrics: 85, restoration: 239.75 }).restoration,
    ).toBe(239.75);
  });

  it('computes shortfalls and sums in cents', () => {
    expect(shortfall({ processing: 155, restoration: 239.75 }, { processing: 155, restoration: 229 })).toEqual({
      restoration: 10.75,
    });
    expect(addAmounts({ processing: 155, biometrics: 0.1 }, { processing: 100, biometrics: 0.2 })).toEqual({
      processing: 255,
      biometrics: 0.3,
    });
  });
});

describe('$2 restoration fee is a dated setting', () => {
  it.each([
    ['2024-11-30', 229],
    ['2024-12-01', 239.75],
    ['2025-11-30', 239.75],
    ['2025-12-01', 246.25],
    ['2022-05-24', 229],
    ['2021-01-01', 229],
  ])('received %s: restoration costs %d', (receivedOn, fee) => {
    expect(feeScheduleOn(receivedOn).restoration).toBe(fee);
    expect(
      feesOwed({ inCanadaStatus: { kind: 'restoration', validTo: '2024-10-01' } }, receivedOn, required).restoration,
    ).toBe(fee);
  });

  it('owes no restoration fee when not restoring', () => {
    expect(
      feesOwed({ inCanadaStatus: { kind: 'worker', validTo: '2025-01-01' } }, '2024-12-01', required),
    ).not.toHaveProperty('restoration');
  });

  it('keeps the table in date order, so a new row is appended', () => {
    const dates = FEE_TABLE.map((row) => row.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
  });

  it('applies an added row from its date on without code changes', () => {
    const table = [
      ...FEE_TABLE,
      { effectiveFrom: '2027-01-01', processing: 160, openWorkPermitHolder: 100, biometrics: 85, restoration: 250 },
    ];
    expect(feeScheduleOn('2026-12-31', table).processing).toBe(155);
    expect(feeScheduleOn('2027-01-01', table).processing).toBe(160);
  });
});
