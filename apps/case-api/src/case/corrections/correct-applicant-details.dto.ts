import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { CORRECTABLE_FIELDS, type CorrectableField } from '@app/domain';
import { EnumField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';
import { CANADIAN_PROVINCES } from '../../http/dto/enums';
import { SINGLE_LINE } from '../../http/input/forbidden-characters';
import { isCountryCode } from '../../http/dto/validators/country-code.validator';
import { isPlainDate } from '../../http/dto/validators/plain-date.validator';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isLine = (value: unknown, maxLength: number): boolean =>
  typeof value === 'string' && value.trim() !== '' && value.length <= maxLength && SINGLE_LINE.test(value);
const onlyKeys = (value: Record<string, unknown>, keys: readonly string[]): boolean =>
  Object.keys(value).every((key) => keys.includes(key));

/** H4: whether `value` has the shape of `field`'s value (what the submission holds for it). */
export function isCorrectionValue(field: unknown, value: unknown): boolean {
  switch (field as CorrectableField) {
    case 'familyName':
    case 'givenNames':
      return isLine(value, MAX_NAME_LENGTH);
    case 'dateOfBirth':
      return isPlainDate(value);
    case 'passport':
      return (
        isRecord(value) &&
        onlyKeys(value, ['number', 'country', 'expiresOn']) &&
        isLine(value.number, MAX_IDENTIFIER_LENGTH) &&
        isCountryCode(value.country, true) &&
        isPlainDate(value.expiresOn)
      );
    case 'residence':
      return (
        isRecord(value) &&
        onlyKeys(value, ['country', 'province']) &&
        isCountryCode(value.country) &&
        (value.country === 'CAN'
          ? (CANADIAN_PROVINCES as readonly unknown[]).includes(value.province)
          : value.province === undefined)
      );
    default:
      return false;
  }
}

const VALUE_SHAPES =
  'familyName, givenNames: a single-line text; dateOfBirth: YYYY-MM-DD; passport: { number, country, expiresOn }; ' +
  'residence: { country, province } (province when country is CAN only)';

/** Body of `POST …/corrections` (RULES.md H4): one applicant detail, its corrected value and why. */
export class CorrectApplicantDetailsDto {
  @EnumField(CORRECTABLE_FIELDS, { example: 'residence', description: 'H4: the applicant detail corrected.' })
  field!: CorrectableField;

  @ApiProperty({
    description: `H4: the corrected value, in the shape of the field: ${VALUE_SHAPES}. Screening runs again on it.`,
    oneOf: [
      { type: 'string', maxLength: MAX_NAME_LENGTH },
      {
        type: 'object',
        required: ['number', 'country', 'expiresOn'],
        properties: {
          number: { type: 'string', maxLength: MAX_IDENTIFIER_LENGTH },
          country: { type: 'string', pattern: '^[A-Z]{3}$' },
          expiresOn: { type: 'string', format: 'date' },
        },
      },
      {
        type: 'object',
        required: ['country'],
        properties: {
          country: { type: 'string', pattern: '^[A-Z]{3}$' },
          province: { type: 'string', enum: [...CANADIAN_PROVINCES] },
        },
      },
    ],
    example: { country: 'CAN', province: 'ON' },
  })
  @ValidateBy({
    name: 'isCorrectionValue',
    validator: {
      validate: (value: unknown, args) => isCorrectionValue((args?.object as { field?: unknown }).field, value),
      defaultMessage: () => `value must have the shape of the field corrected (${VALUE_SHAPES})`,
    },
  })
  value!: unknown;

  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'The passport number was typed with two digits swapped at intake; checked against the scan.',
  })
  reason!: string;
}
