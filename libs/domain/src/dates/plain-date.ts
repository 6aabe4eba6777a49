/** A calendar date `YYYY-MM-DD` with no time of day and no zone (T1): letter dates, issue dates, valid-to, passport expiry. */
export type PlainDate = string;

type DateParts = Readonly<{ year: number; month: number; day: number }>;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written `YYYY-MM-DD` (2023-02-29 is not one). */
export function isPlainDate(value: unknown): value is PlainDate {
  return typeof value === 'string' && realDateOf(value) !== undefined;
}

function partsOf(date: PlainDate): DateParts {
  const parts = typeof date === 'string' ? realDateOf(date) : undefined;
  if (!parts) throw new TypeError(`Not a YYYY-MM-DD date: ${String(date)}`);
  return parts;
}

/**
 * The parts of `YYYY-MM-DD` (four, two and two ASCII digits) when it names a real date, read digit
 * by digit: dates are compared by the dozen in every decision, and a regular expression with
 * groups cost most of it.
 */
function realDateOf(value: string): DateParts | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

const DASH = 0x2d;
const ZERO = 0x30;

/** The number written by `count` ASCII digits from `start`, or -1 if any of them is not one. */
function digitsAt(text: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function format({ year, month, day }: DateParts): PlainDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function toDayNumber(date: PlainDate): number {
  const { year: calendarYear, month, day } = partsOf(date);
  const year = calendarYear - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link toDayNumber} (H. Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): PlainDate {
  const shifted = dayNumber + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return format({ year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Same day of the month `months` later (or earlier), clamped to the last day of the target month
 * when that month is shorter (I1: 2024-02-29 + 36 months = 2027-02-28; 2024-01-31 + 1 = 2024-02-29).
 */
export function addMonthsClamped(date: PlainDate, months: number): PlainDate {
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

export function addYearsClamped(date: PlainDate, years: number): PlainDate {
  return addMonthsClamped(date, years * 12);
}

/** Negative when `a` is before `b`, zero when equal, positive when after. */
export function compareDates(a: PlainDate, b: PlainDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export const isBefore = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) < 0;
export const isAfter = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) > 0;

export function earliestDate(first: PlainDate, ...others: readonly PlainDate[]): PlainDate {
  return others.reduce((earliest, date) => (isBefore(date, earliest) ? date : earliest), first);
}

/** Whole years from `birthDate` to `on` (the age on that day; a 29 February birthday falls on 1 March). */
export function fullYearsBetween(birthDate: PlainDate, on: PlainDate): number {
  const birth = partsOf(birthDate);
  const day = partsOf(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}
