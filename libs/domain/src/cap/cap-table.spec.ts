import { CAP_TABLE, capForYear } from './cap-table';
import { duplicateKeys } from './duplicate-keys';
import { intakeYearOf, isWithinCap, overCapOutcome } from './intake';

describe('C1 caps as a dated table', () => {
  it('caps 2022 at 14,700 and every year from 2023 at 7,350', () => {
    expect(capForYear(2022)).toBe(14_700);
    expect(capForYear(2023)).toBe(7_350);
    expect(capForYear(2025)).toBe(7_350);
    expect(capForYear(2031)).toBe(7_350);
  });

  it('has no cap before the program existed', () => {
    expect(capForYear(2021)).toBeNull();
  });

  it('takes a new year from an added row, without code changes', () => {
    const table = [...CAP_TABLE, { fromYear: 2026, cap: 5_000 }];
    expect(capForYear(2025, table)).toBe(7_350);
    expect(capForYear(2026, table)).toBe(5_000);
  });
});

describe('C3 intake order and the Eastern cap year', () => {
  it('numbers an application received 23:30 Eastern on 31 December in the old year', () => {
    expect(intakeYearOf('2024-01-01T04:30:00Z')).toBe(2023);
  });

  it('numbers an application received 00:00:01 Eastern on 1 January in the new year', () => {
    expect(intakeYearOf('2024-01-01T05:00:01Z')).toBe(2024);
  });

  it('keeps the application that reaches the cap within it; the one that passes it is over', () => {
    expect(isWithinCap(7_350, 7_350)).toBe(true);
    expect(isWithinCap(7_351, 7_350)).toBe(false);
  });
});

describe('C4 over-cap outcome per channel', () => {
  it('cancels online applications and returns paper ones', () => {
    expect(overCapOutcome('online')).toBe('cancelled');
    expect(overCapOutcome('paper')).toBe('returned');
  });
});

describe('C6 duplicate keys: same passport or same CSQ number', () => {
  const passport = { number: '19FR45821', country: 'FRA', expiresOn: '2031-01-31' };
  const csq = { number: 'CSQ-23-104882', issuedOn: '2023-09-01', category: 'regular-skilled-worker' } as const;

  it('keys an application by passport and CSQ number', () => {
    expect(duplicateKeys({ applicant: { passport }, csq })).toEqual(['passport:FRA:19FR45821', 'csq:CSQ23104882']);
  });

  it('ignores case, spaces and punctuation', () => {
    const retyped = {
      applicant: { passport: { ...passport, number: '19 fr-45821', country: 'fra' } },
      csq: { ...csq, number: 'csq 23 104882' },
    };
    expect(duplicateKeys(retyped)).toEqual(duplicateKeys({ applicant: { passport }, csq }));
  });

  it('keys a family member without a CSQ by passport only', () => {
    expect(duplicateKeys({ applicant: { passport } })).toEqual(['passport:FRA:19FR45821']);
  });
});
