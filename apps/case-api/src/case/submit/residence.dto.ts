import { CountryField, EnumField, PlainDateField } from '../../http/dto/api-field.decorator';
import {
  CANADIAN_PROVINCES,
  IN_CANADA_STATUS_KINDS,
  type CanadianProvince,
  type InCanadaStatusKind,
} from '../../http/dto/enums';
import { isCountryCode } from '../../http/dto/validators/country-code.validator';
import { AbsentWhen, RequiredWhen } from '../../http/dto/validators/presence.validator';

const livesInCanada = (residence: ResidenceDto): boolean => residence.country === 'CAN';
const livesElsewhere = (residence: ResidenceDto): boolean =>
  isCountryCode(residence.country) && residence.country !== 'CAN';

/** Where the applicant resides at receipt (RULES.md E2: anywhere but Quebec). */
export class ResidenceDto {
  @CountryField({ example: 'CAN' })
  country!: string;

  @EnumField(CANADIAN_PROVINCES, {
    optional: true,
    example: 'ON',
    description: 'ISO 3166-2:CA province or territory; required when country is CAN, absent otherwise.',
  })
  @RequiredWhen(livesInCanada, 'country is CAN')
  @AbsentWhen(livesElsewhere, 'country is not CAN')
  province?: CanadianProvince;
}

/** The temporary resident status of an applicant inside Canada (RULES.md E7, E8). */
export class InCanadaStatusDto {
  @EnumField(IN_CANADA_STATUS_KINDS, { example: 'worker' })
  kind!: InCanadaStatusKind;

  @PlainDateField({
    optional: true,
    example: '2025-06-30',
    description: 'End of the status; for restoration, the day it expired.',
  })
  validTo?: string;
}
