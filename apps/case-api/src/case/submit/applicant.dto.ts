import { CountryField, NestedField, PlainDateField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH, MAX_NAME_LENGTH } from '../../http/dto/dto-limits';

export class PassportDto {
  @TextField({ maxLength: MAX_IDENTIFIER_LENGTH, example: '21AB12345' })
  number!: string;

  @CountryField({ example: 'FRA', description: 'Issuing country (ISO 3166-1 alpha-3).' })
  country!: string;

  @PlainDateField({ example: '2031-01-31', description: 'Caps the permit validity (RULES.md I2, M2).' })
  expiresOn!: string;
}

export class ApplicantDto {
  @TextField({ maxLength: MAX_NAME_LENGTH, example: 'Lefebvre' })
  familyName!: string;

  @TextField({
    maxLength: MAX_NAME_LENGTH,
    allowBlank: true,
    example: 'Camille Marie',
    description: 'May be empty for a person with a single name, which then goes in familyName (IRCC forms convention).',
  })
  givenNames!: string;

  @PlainDateField({ example: '1990-04-12', description: 'Decides the biometrics age exemption (RULES.md B3).' })
  dateOfBirth!: string;

  @CountryField({
    allowNonStateNationalities: true,
    example: 'FRA',
    description: 'ISO 3166-1 alpha-3, or an ICAO Doc 9303 code: XXA stateless, XXB/XXC refugee, XXX unspecified.',
  })
  citizenship!: string;

  @NestedField(() => PassportDto)
  passport!: PassportDto;

  @PlainDateField({
    optional: true,
    example: '2013-06-01',
    description: 'When biometrics were last given to IRCC, if ever (reusable for 10 years, RULES.md B3).',
  })
  biometricsGivenOn?: string;
}
