import fc from 'fast-check';
import { addDays } from './plain-date';
import { addHours, compareInstants, easternDateOf, easternYearOf, isInstant } from './instant';

describe('T1 instants are UTC ISO-8601 timestamps; dates derived from them use America/Toronto', () => {
  it('accepts timestamps with a zone and refuses local or malformed ones', () => {
    expect(isInstant('2024-05-02T14:03:00Z')).toBe(true);
    expect(isInstant('2024-05-02T14:03:00.123Z')).toBe(true);
    expect(isInstant('2024-05-02T10:03:00-04:00')).toBe(true);
    expect(isInstant('2024-05-02T14:03:00')).toBe(false);
    expect(isInstant('2024-05-02')).toBe(false);
    expect(isInstant('2024-02-30T10:00:00Z')).toBe(false);
    expect(isInstant('yesterday')).toBe(false);
  });

  it('takes the Eastern date in summer (UTC-4) and winter (UTC-5)', () => {
    expect(easternDateOf('2024-07-02T03:59:59Z')).toBe('2024-07-01');
    expect(easternDateOf('2024-07-02T04:00:00Z')).toBe('2024-07-02');
    expect(easternDateOf('2024-01-15T04:59:59Z')).toBe('2024-01-14');
    expect(easternDateOf('2024-01-15T05:00:00Z')).toBe('2024-01-15');
  });

  it('follows the daylight-saving switch (2024-03-10 and 2024-11-03)', () => {
    expect(easternDateOf('2024-03-10T04:30:00Z')).toBe('2024-03-09');
    expect(easternDateOf('2024-03-10T05:00:00Z')).toBe('2024-03-10');
    expect(easternDateOf('2024-11-04T04:30:00Z')).toBe('2024-11-03');
    expect(easternDateOf('2024-11-04T05:00:00Z')).toBe('2024-11-04');
  });

  it('gives each instant its own date when asked in turn, the same instant twice in a row included', () => {
    const asked = ['2024-01-15T04:59:59Z', '2024-01-15T04:59:59Z', '2024-01-15T05:00:00Z', '2024-01-15T04:59:59Z'];
    expect(asked.map(easternDateOf)).toEqual(['2024-01-14', '2024-01-14', '2024-01-15', '2024-01-14']);
    expect(() => easternDateOf('2024-01-15')).toThrow(TypeError);
  });

  it('property: a remembered hour gives the date Intl computes for every instant, before and after 1895 (Toronto had an offset of -5:17:32 until then)', () => {
    const toronto = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', dateStyle: 'short' });
    const instants = fc
      .integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2100, 0, 1) })
      .map((millis) => new Date(millis).toISOString());
    fc.assert(
      fc.property(fc.array(instants, { minLength: 1, maxLength: 20 }), (asked) => {
        for (const instant of [...asked, ...asked])
          expect(easternDateOf(instant)).toBe(toronto.format(Date.parse(instant)));
      }),
      { numRuns: 500 },
    );
    expect(easternDateOf('1890-03-01T05:10:00Z')).toBe('1890-02-28');
    expect(easternDateOf('1890-03-01T05:20:00Z')).toBe('1890-03-01');
  });

  it('reads an instant with an offset as the same moment', () => {
    expect(compareInstants('2024-05-02T10:03:00-04:00', '2024-05-02T14:03:00Z')).toBe(0);
  });

  it('adds hours in UTC', () => {
    expect(addHours('2024-05-02T14:03:00Z', 24)).toBe('2024-05-03T14:03:00.000Z');
    expect(addHours('2024-03-09T12:00:00Z', 24)).toBe('2024-03-10T12:00:00.000Z');
  });

  it('property: the Eastern date is the UTC date or the day before', () => {
    const instants = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
      .map((millis) => new Date(millis).toISOString());
    fc.assert(
      fc.property(instants, (instant) => {
        const utcDate = instant.slice(0, 10);
        const eastern = easternDateOf(instant);
        return eastern === utcDate || eastern === addDays(utcDate, -1);
      }),
    );
  });
});

describe('C3 the cap year is the Eastern calendar year', () => {
  it('23:30 Eastern on 31 December belongs to the old year', () => {
    expect(easternYearOf('2025-01-01T04:30:00Z')).toBe(2024);
  });

  it('00:00:01 Eastern on 1 January belongs to the new year', () => {
    expect(easternYearOf('2025-01-01T05:00:01Z')).toBe(2025);
  });
});
