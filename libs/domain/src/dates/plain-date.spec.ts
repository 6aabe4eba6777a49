import fc from 'fast-check';
import {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  daysInMonth,
  earliestDate,
  fromDayNumber,
  fullYearsBetween,
  isPlainDate,
  toDayNumber,
} from './plain-date';

const dayNumbers = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2199-12-31') });
const plainDates = dayNumbers.map(fromDayNumber);

describe('T1 plain dates (YYYY-MM-DD)', () => {
  it('recognises real calendar dates only', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2023-02-29')).toBe(false);
    expect(isPlainDate('2024-13-01')).toBe(false);
    expect(isPlainDate('2024-04-31')).toBe(false);
    expect(isPlainDate('2024-4-1')).toBe(false);
    expect(isPlainDate('2024-05-02T00:00:00Z')).toBe(false);
    expect(isPlainDate(20240502)).toBe(false);
  });

  it('property: recognises exactly what the pattern YYYY-MM-DD and the month lengths allow', () => {
    const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;
    const reference = (text: string): boolean => {
      const match = pattern.exec(text);
      if (!match) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    };
    const nearDates = fc
      .array(fc.constantFrom(...'0123456789-'.split(''), '\u0663', ' ', 'T', '/', '\n'), {
        minLength: 8,
        maxLength: 12,
      })
      .map((chars) => chars.join(''));
    const dateLike = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    );
    const written = dateLike.map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    fc.assert(
      fc.property(fc.oneof(nearDates, written, plainDates), (text) => {
        expect(isPlainDate(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('numbers days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(19_845)).toBe('2024-05-02');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-04-03', 90)).toBe('2024-07-02');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('counts calendar days between two dates', () => {
    expect(daysBetween('2024-04-03', '2024-07-02')).toBe(90);
    expect(daysBetween('2024-07-02', '2024-04-03')).toBe(-90);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2024, month))).toEqual([
      31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('picks the earliest of several dates', () => {
    expect(earliestDate('2027-06-05', '2026-01-31', '2031-01-31')).toBe('2026-01-31');
  });

  it('property: day numbers and dates are inverse', () => {
    fc.assert(fc.property(dayNumbers, (n) => toDayNumber(fromDayNumber(n)) === n));
  });

  it('property: adding days moves by exactly that many days, in order', () => {
    fc.assert(
      fc.property(plainDates, fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        const later = addDays(date, days);
        return daysBetween(date, later) === days && Math.sign(compareDates(later, date)) === Math.sign(days);
      }),
    );
  });

  it('property: string order is date order', () => {
    fc.assert(
      fc.property(plainDates, plainDates, (a, b) => Math.sign(compareDates(a, b)) === Math.sign(a.localeCompare(b))),
    );
  });
});

describe('I1 months: same day of month, clamped to the month end', () => {
  it.each([
    ['2024-02-29', 36, '2027-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-06-05', 36, '2027-06-05'],
    ['2024-05-02', 6, '2024-11-02'],
    ['2023-09-01', 24, '2025-09-01'],
    ['2024-12-15', 1, '2025-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('property: lands in the target month, on the same day or the month end', () => {
    fc.assert(
      fc.property(plainDates, fc.integer({ min: -120, max: 120 }), (date, months) => {
        const result = addMonthsClamped(date, months);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
        const monthsMoved = (ry - y) * 12 + (rm - m);
        return monthsMoved === months && (rd === d || (rd < d && rd === daysInMonth(ry, rm)));
      }),
    );
  });
});

describe('B3 ages in whole years', () => {
  it('counts a birthday only once it is reached', () => {
    expect(fullYearsBetween('2010-05-02', '2024-05-01')).toBe(13);
    expect(fullYearsBetween('2010-05-02', '2024-05-02')).toBe(14);
    expect(fullYearsBetween('2000-02-29', '2023-02-28')).toBe(22);
    expect(fullYearsBetween('2000-02-29', '2023-03-01')).toBe(23);
  });

  it('property: the age on a birthday is the difference of the years', () => {
    fc.assert(
      fc.property(plainDates, fc.integer({ min: 0, max: 110 }), (birth, years) => {
        const birthday = addMonthsClamped(birth, years * 12);
        return fullYearsBetween(birth, birthday) === years || birth.endsWith('-02-29');
      }),
    );
  });
});
