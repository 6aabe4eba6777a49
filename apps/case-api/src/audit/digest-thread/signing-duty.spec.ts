import { SCHEDULED_ROUND_DUTY, idleAfter } from './signing-duty';

describe('idleAfter', () => {
  it('pauses so that the work is the given share of the time', () => {
    expect(idleAfter(100, 1 / 3)).toBeCloseTo(200);
    expect(idleAfter(100, 0.5)).toBeCloseTo(100);
    expect(idleAfter(100, 1)).toBe(0);
    expect(idleAfter(-1, 0.5)).toBe(0);
  });

  it('refuses a share that is not in (0, 1]', () => {
    for (const duty of [0, -0.5, 1.5, Number.NaN]) expect(() => idleAfter(10, duty)).toThrow(RangeError);
  });

  it('has the scheduled rounds work a third of the time', () => {
    expect(idleAfter(100, SCHEDULED_ROUND_DUTY)).toBeCloseTo(200);
  });
});
