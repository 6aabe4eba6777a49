import { ValidateBy, type ValidationOptions } from 'class-validator';

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a `YYYY-MM-DD` text that names a day that exists (2024-02-29 yes, 2023-02-29 no). */
export function isPlainDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = PLAIN_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date (RULES.md T1): `YYYY-MM-DD`, and a real day of the calendar. */
export function IsPlainDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainDate',
      validator: {
        validate: (value: unknown) => isPlainDate(value),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && PLAIN_DATE.test(args.value)
            ? `${args.property} must be a real calendar date (YYYY-MM-DD)`
            : `${args?.property} must be a date in the form YYYY-MM-DD`,
      },
    },
    options,
  );
}
