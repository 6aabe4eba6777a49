import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isPlainDate } from './plain-date.validator';

const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

/**
 * True for an ISO-8601 UTC instant with seconds and the `Z` designator
 * (`2024-12-02T14:03:00Z`, `2024-12-02T14:03:00.123Z`) on a real calendar day.
 * Offsets such as `+00:00` are refused so that every stored instant reads the same way.
 */
export function isUtcInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = UTC_INSTANT.exec(value);
  return match !== null && isPlainDate(match[1]);
}

/** An instant (RULES.md T1). Whether it lies in the future is the handler's concern (it owns the clock). */
export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUtcInstant',
      validator: {
        validate: (value: unknown) => isUtcInstant(value),
        defaultMessage: (args) =>
          `${args?.property} must be a UTC instant in ISO-8601 form with Z, e.g. 2024-12-02T14:03:00Z`,
      },
    },
    options,
  );
}
