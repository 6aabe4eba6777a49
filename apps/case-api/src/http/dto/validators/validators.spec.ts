import { ICAO_NON_STATE_NATIONALITIES, isCountryCode } from './country-code.validator';
import { daysInMonth } from '@app/domain';
import { isPlainDate } from './plain-date.validator';
import { isUtcInstant } from './utc-instant.validator';

describe('isPlainDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2024-01-01', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (date) => {
      expect(isPlainDate(date)).toBe(true);
    },
  );

  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-06-31',
    '2024-00-01',
    '2024-01-00',
    '0000-01-01',
    '2024-1-01',
    ' 2024-01-01',
    '2024-01-01\n',
    20240101,
    null,
  ])('refuses %p', (date) => {
    expect(isPlainDate(date)).toBe(false);
  });

  it('knows the length of every month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2023, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('isUtcInstant', () => {
  it.each(['2024-12-02T14:03:00Z', '2024-12-02T14:03:00.1Z', '2024-12-02T14:03:00.123456789Z', '2024-02-29T23:59:59Z'])(
    'accepts %s',
    (instant) => {
      expect(isUtcInstant(instant)).toBe(true);
    },
  );

  it.each([
    '2024-12-02T14:03:00+00:00',
    '2024-12-02T14:03:00z',
    '2024-12-02t14:03:00Z',
    '2024-12-02T14:03:60Z',
    '2024-12-02T14:60:00Z',
    '2024-12-02T14:03:00.Z',
    '2024-12-02T14:03:00.1234567890Z',
    '2023-02-29T00:00:00Z',
    '2024-12-02T14:03:00Z ',
    1733148180000,
  ])('refuses %p', (instant) => {
    expect(isUtcInstant(instant)).toBe(false);
  });
});

describe('isCountryCode', () => {
  it('accepts ISO 3166-1 alpha-3 codes in capitals only', () => {
    expect(['CAN', 'FRA', 'VNM', 'MAR'].every((code) => isCountryCode(code))).toBe(true);
    expect(['can', 'Fra', 'FR', 'QUE', 'XKX', 'FRANCE', 250].some((code) => isCountryCode(code))).toBe(false);
  });

  it('accepts the ICAO non-state nationalities only when asked', () => {
    expect(ICAO_NON_STATE_NATIONALITIES.every((code) => isCountryCode(code, true))).toBe(true);
    expect(ICAO_NON_STATE_NATIONALITIES.some((code) => isCountryCode(code))).toBe(false);
  });
});
