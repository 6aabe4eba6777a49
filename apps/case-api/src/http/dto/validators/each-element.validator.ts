import { isIn, ValidateBy, type ValidationOptions } from 'class-validator';

/** The `contexts` key under which an element check travels with its error (see validation-errors.ts). */
export const ELEMENT_CHECK = 'elementCheck';

/** The message for one bad element of the array `property`, or null when the element is fine. */
export type ElementCheck = (element: unknown, property: string) => string | null;

export type ElementFailure = Readonly<{ index: number; message: string }>;

export function elementFailures(elements: readonly unknown[], property: string, check: ElementCheck): ElementFailure[] {
  return elements.flatMap((element, index) => {
    const message = check(element, property);
    return message === null ? [] : [{ index, message }];
  });
}

/**
 * Checks every element of an array (a non-array passes: pair it with `@IsArray()`). The check rides
 * on the error's context so that `flattenValidationErrors` can name each bad element's index.
 */
export function EachElement(name: string, check: ElementCheck, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || elementFailures(value, '', check).length === 0,
        defaultMessage: (args) => {
          const failures = elementFailures(Array.isArray(args?.value) ? args.value : [], args?.property ?? '', check);
          return [...new Set(failures.map((failure) => failure.message))].join('; ');
        },
      },
    },
    { ...options, context: { ...(options?.context as Record<string, unknown> | undefined), [ELEMENT_CHECK]: check } },
  );
}

export function IsEachIn(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return EachElement(
    'isEachIn',
    (element, property) =>
      isIn(element, [...values]) ? null : `each element of ${property} must be one of: ${values.join(', ')}`,
    options,
  );
}

export function IsEachText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return EachElement(
    'isEachText',
    (element, property) => {
      if (typeof element !== 'string') return `each element of ${property} must be a string`;
      return element.length > maxLength ? `each element of ${property} must be at most ${maxLength} characters` : null;
    },
    options,
  );
}

/**
 * Every element is an object (not null, not an array). `@ValidateNested({ each: true })` reports
 * primitives with the same message but would validate a nested array's members as if they were
 * the element, so `[[{…}]]` would pass without this.
 */
export function IsEachObject(options?: ValidationOptions): PropertyDecorator {
  return EachElement(
    'isEachObject',
    (element, property) =>
      typeof element === 'object' && element !== null && !Array.isArray(element)
        ? null
        : `each element of ${property} must be an object`,
    options,
  );
}
