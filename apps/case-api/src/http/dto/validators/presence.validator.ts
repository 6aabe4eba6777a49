import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Per-constraint `validateIf`: check the value only when the property was sent. */
export const isSent = (_object: object, value: unknown): boolean => value !== undefined;

/** Fails (as `isRequired`) when `condition` holds for the object and the value is missing or null. */
export function RequiredWhen<T extends object>(
  condition: (dto: T) => boolean,
  when: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRequired',
      validator: {
        validate: (value: unknown, args) => !condition(args?.object as T) || (value !== undefined && value !== null),
        defaultMessage: (args) => `${args?.property} is required when ${when}`,
      },
    },
    options,
  );
}

/** Fails (as `isForbidden`) when `condition` holds for the object and the property was sent. */
export function AbsentWhen<T extends object>(
  condition: (dto: T) => boolean,
  when: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isForbidden',
      validator: {
        validate: (value: unknown, args) => value === undefined || !condition(args?.object as T),
        defaultMessage: (args) => `${args?.property} must be absent when ${when}`,
      },
    },
    options,
  );
}
