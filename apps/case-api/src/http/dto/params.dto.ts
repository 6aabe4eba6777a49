import { IntField, TextField, UuidField } from './api-field.decorator';
import { FIRST_INTAKE_YEAR, LAST_INTAKE_YEAR, MAX_IDENTIFIER_LENGTH } from './dto-limits';

/** Path of every `/v1/applications/{id}…` route. */
export class ApplicationIdParamDto {
  @UuidField({ example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  id!: string;
}

/** Path of `/v1/applications/{id}/extensions/{extensionId}/decision`. */
export class ExtensionParamsDto extends ApplicationIdParamDto {
  @TextField({
    maxLength: MAX_IDENTIFIER_LENGTH,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*$/,
    patternMessage: '$property must be letters, digits and dashes',
    example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  })
  extensionId!: string;
}

/** Path of `/v1/intake/{year}`: a calendar year in Eastern time (RULES.md C3). */
export class IntakeYearParamDto {
  @IntField({ fromText: true, min: FIRST_INTAKE_YEAR, max: LAST_INTAKE_YEAR, example: 2024 })
  year!: number;
}

/** Path of `/v1/intake/{year}/numbers/{number}`: an intake number of a year (C3), from 1. */
export class IntakeNumberParamsDto extends IntakeYearParamDto {
  @IntField({ fromText: true, min: 1, max: Number.MAX_SAFE_INTEGER, example: 1187 })
  number!: number;
}

/** Path of `/v1/admin/projections/{name}/rebuild`. */
export class ProjectionNameParamDto {
  @TextField({
    maxLength: MAX_IDENTIFIER_LENGTH,
    pattern: /^[a-z][a-z0-9-]*$/,
    patternMessage: '$property must be a lowercase kebab-case projection name',
    example: 'case-view',
  })
  name!: string;
}
