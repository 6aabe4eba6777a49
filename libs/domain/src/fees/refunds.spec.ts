import { overCapRefunds, withdrawalRefunds } from './refunds';

const paid = { processing: 155, openWorkPermitHolder: 100, biometrics: 85 };

describe('C4 over-cap refunds', () => {
  it('refunds processing and open work permit holder fees, not the biometric fee [INF]', () => {
    expect(overCapRefunds(paid)).toEqual({ processing: 155, openWorkPermitHolder: 100 });
  });

  it('refunds only what was paid', () => {
    expect(overCapRefunds({ processing: 155, openWorkPermitHolder: 0, biometrics: 85 })).toEqual({ processing: 155 });
  });
});

describe('R3 withdrawal refunds [INF]', () => {
  it('refunds every fee paid while no officer acted', () => {
    expect(withdrawalRefunds({ ...paid, restoration: 239.75 }, false)).toEqual({ ...paid, restoration: 239.75 });
  });

  it('refunds nothing once an officer acted (BIL or decision)', () => {
    expect(withdrawalRefunds(paid, true)).toEqual({});
  });
});
