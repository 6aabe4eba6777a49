import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { SINGLE_LINE } from '../input/forbidden-characters';
import { MAX_FEE_CAD, UUID_PATTERN } from './dto-limits';
import { IsCountryCode } from './validators/country-code.validator';
import { IsEachIn, IsEachObject, IsEachText } from './validators/each-element.validator';
import { IsPlainDate } from './validators/plain-date.validator';
import { isSent } from './validators/presence.validator';
import { IsUtcInstant } from './validators/utc-instant.validator';

/**
 * Field decorators that declare a property's validation rules and its OpenAPI schema together,
 * so /docs describes exactly what the ValidationPipe enforces. A required field reports a missing
 * value as `isDefined`; an optional one is checked only when sent (null is not "absent").
 */
export type FieldOptions<T> = Readonly<{ optional?: boolean; example?: T; description?: string }>;

type ClassRef = () => new () => object;

/** @nestjs/swagger recognises a lazy type only by the function's name, `type`. */
const lazy = (ref: ClassRef) => ({ type: () => ref() }).type;

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };

function field<T>(
  options: FieldOptions<T>,
  schema: ApiPropertyOptions,
  rules: (v: ValidationOptions) => PropertyDecorator[],
) {
  const doc = { ...schema, example: options.example, description: options.description } as ApiPropertyOptions;
  const when: ValidationOptions = options.optional ? { validateIf: isSent } : {};
  const presence = options.optional
    ? [ApiPropertyOptional(doc)]
    : [ApiProperty(doc), IsDefined({ message: '$property is required' })];
  return compose(...presence, ...rules(when));
}

/**
 * A string of at most `maxLength` characters, on a single line unless `multiline` (free text:
 * notes, reasons, explanations). Control characters, bidi overrides and unpaired surrogates are
 * refused in every string before validation (`http/input`).
 */
export function TextField(
  options: FieldOptions<string> &
    Readonly<{
      maxLength: number;
      allowBlank?: boolean;
      multiline?: boolean;
      pattern?: RegExp;
      patternMessage?: string;
    }>,
): PropertyDecorator {
  const { maxLength, allowBlank = false, multiline = false, pattern, patternMessage } = options;
  return field(
    options,
    { type: String, maxLength, minLength: allowBlank ? undefined : 1, pattern: pattern?.source },
    (v) => [
      IsString(v),
      MaxLength(maxLength, { ...v, message: `$property must be at most ${maxLength} characters` }),
      ...(multiline
        ? []
        : [Matches(SINGLE_LINE, { ...v, message: '$property must be a single line: no line breaks or tabs' })]),
      ...(allowBlank ? [] : [Matches(/\S/, { ...v, message: '$property must not be blank' })]),
      ...(pattern
        ? [Matches(pattern, { ...v, message: patternMessage ?? `$property must match ${pattern.source}` })]
        : []),
    ],
  );
}

export function UuidField(options: FieldOptions<string> = {}): PropertyDecorator {
  return field(options, { type: String, format: 'uuid', pattern: UUID_PATTERN.source }, (v) => [
    Matches(UUID_PATTERN, { ...v, message: '$property must be a UUID in lowercase canonical form' }),
  ]);
}

export function EnumField<T extends string>(values: readonly T[], options: FieldOptions<T> = {}): PropertyDecorator {
  return field(options, { enum: [...values], type: String }, (v) => [IsIn([...values], v)]);
}

export function BooleanField(options: FieldOptions<boolean> = {}): PropertyDecorator {
  return field(options, { type: Boolean }, (v) => [IsBoolean(v)]);
}

/** A CAD amount: a JSON number, not negative, at most 2 decimals. */
export function MoneyField(options: FieldOptions<number> = {}): PropertyDecorator {
  return field(options, { type: Number, minimum: 0, maximum: MAX_FEE_CAD, multipleOf: 0.01 }, (v) => [
    IsNumber(
      { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
      { ...v, message: '$property must be a number with at most 2 decimals' },
    ),
    Min(0, v),
    Max(MAX_FEE_CAD, v),
  ]);
}

/** An integer; `fromText` converts a path or query text of digits (anything else stays text and fails). */
export function IntField(
  options: FieldOptions<number> & Readonly<{ min: number; max: number; fromText?: boolean; default?: number }>,
): PropertyDecorator {
  const { min, max, fromText = false } = options;
  const toInteger = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );
  return field(options, { type: 'integer', minimum: min, maximum: max, default: options.default }, (v) => [
    ...(fromText ? [toInteger] : []),
    IsInt(v),
    Min(min, v),
    Max(max, v),
  ]);
}

export function CountryField(
  options: FieldOptions<string> & Readonly<{ allowNonStateNationalities?: boolean }> = {},
): PropertyDecorator {
  const { allowNonStateNationalities = false } = options;
  return field(options, { type: String, pattern: '^[A-Z]{3}$' }, (v) => [
    IsCountryCode({ allowNonStateNationalities }, v),
  ]);
}

export function PlainDateField(options: FieldOptions<string> = {}): PropertyDecorator {
  return field(options, { type: String, format: 'date' }, (v) => [IsPlainDate(v)]);
}

export function InstantField(options: FieldOptions<string> = {}): PropertyDecorator {
  return field(options, { type: String, format: 'date-time' }, (v) => [IsUtcInstant(v)]);
}

/** A nested object: reported as `isObject` when it is not one, otherwise validated member by member. */
export function NestedField(type: ClassRef, options: FieldOptions<never> = {}): PropertyDecorator {
  return field(options, { type: lazy(type) }, (v) => [
    IsObject(v),
    ValidateNested({ message: '$property must be an object' }),
    Type(type),
  ]);
}

export function NestedArrayField(
  type: ClassRef,
  options: FieldOptions<never> &
    Readonly<{ maxItems: number; uniqueBy?: (item: never) => unknown; uniqueMessage?: string }>,
): PropertyDecorator {
  const { maxItems, uniqueBy, uniqueMessage } = options;
  return field(options, { type: lazy(type), isArray: true, maxItems }, (v) => [
    IsArray(v),
    ArrayMaxSize(maxItems, { ...v, message: `$property must have at most ${maxItems} elements` }),
    ...(uniqueBy
      ? [ArrayUnique(uniqueBy, { ...v, message: uniqueMessage ?? '$property must not repeat an element' })]
      : []),
    IsEachObject(v),
    ValidateNested({ each: true, message: 'each element of $property must be an object' }),
    Type(type),
  ]);
}

/** A set of enum values: an array in which each value appears at most once. */
export function EnumSetField<T extends string>(
  values: readonly T[],
  options: FieldOptions<T[]> = {},
): PropertyDecorator {
  const maxItems = values.length;
  return field(options, { enum: [...values], type: String, isArray: true, maxItems, uniqueItems: true }, (v) => [
    IsArray(v),
    ArrayMaxSize(maxItems, { ...v, message: `$property must have at most ${maxItems} elements` }),
    ArrayUnique({ ...v, message: '$property must not repeat an element' }),
    IsEachIn(values, v),
  ]);
}

export function TextArrayField(
  options: FieldOptions<string[]> & Readonly<{ maxItems: number; maxLength: number }>,
): PropertyDecorator {
  const { maxItems, maxLength } = options;
  return field(options, { type: String, isArray: true, maxItems }, (v) => [
    IsArray(v),
    ArrayMaxSize(maxItems, { ...v, message: `$property must have at most ${maxItems} elements` }),
    IsEachText(maxLength, v),
  ]);
}
