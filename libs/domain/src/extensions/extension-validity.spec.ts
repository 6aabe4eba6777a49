import fc from 'fast-check';
import { addMonthsClamped, fromDayNumber, isAfter, toDayNumber } from '../dates/plain-date';
import { extensionMonths, extensionValidTo } from './extension-validity';

describe('X3 extension length', () => {
  it('lasts 12 months by default', () => {
    expect(extensionMonths(undefined)).toBe(12);
  });

  it.each([1, 24, 36])('accepts %i months chosen by the officer', (months) => {
    expect(extensionMonths(months)).toBe(months);
  });

  it.each([0, 37, 6.5, -3])('refuses %d months', (months) => {
    expect(() => extensionMonths(months)).toThrow(expect.objectContaining({ code: 'X3_MONTHS_OUT_OF_RANGE' }));
  });

  it('runs from the decision date [INF], same day of month', () => {
    expect(
      extensionValidTo({
        decidedOn: '2027-04-15',
        months: 12,
        currentValidTo: '2027-06-05',
        passportExpiresOn: '2031-01-31',
      }),
    ).toBe('2028-04-15');
  });

  it('is capped by passport expiry (I2)', () => {
    expect(
      extensionValidTo({
        decidedOn: '2027-04-15',
        months: 36,
        currentValidTo: '2027-06-05',
        passportExpiresOn: '2029-01-31',
      }),
    ).toBe('2029-01-31');
  });

  it('refuses an extension that would not end after the current validity', () => {
    expect(() =>
      extensionValidTo({
        decidedOn: '2027-04-15',
        months: 1,
        currentValidTo: '2027-06-05',
        passportExpiresOn: '2031-01-31',
      }),
    ).toThrow(expect.objectContaining({ code: 'X3_NOTHING_TO_EXTEND' }));
  });

  it('refuses when the passport expired before the decision (I2)', () => {
    expect(() =>
      extensionValidTo({
        decidedOn: '2027-04-15',
        months: 12,
        currentValidTo: '2027-06-05',
        passportExpiresOn: '2027-04-14',
      }),
    ).toThrow(expect.objectContaining({ code: 'I2_PASSPORT_EXPIRED' }));
  });

  it('property: never after the passport, never more than the months chosen, always after the current validity', () => {
    const days = fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2035-12-31') });
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 1, max: 2000 }),
        (decided, months, passportDays) => {
          const decidedOn = fromDayNumber(decided);
          const passportExpiresOn = fromDayNumber(decided + passportDays);
          const validTo = extensionValidTo({ decidedOn, months, currentValidTo: decidedOn, passportExpiresOn });
          return (
            !isAfter(validTo, passportExpiresOn) &&
            !isAfter(validTo, addMonthsClamped(decidedOn, months)) &&
            isAfter(validTo, decidedOn)
          );
        },
      ),
    );
  });
});
