import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isPlainDate as isDomainPlainDate } from '@app/domain';

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` text that names a day that exists (the domain's rule), from year 1 on. */
export function isPlainDate(value: unknown): value is string {
  return isDomainPlainDate(value) && Number(value.slice(0, 4)) >= 1;
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
