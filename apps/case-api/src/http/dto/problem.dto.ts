import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from './validation-errors';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'applicant.passport.expiresOn' })
  field!: string;

  @ApiProperty({ example: 'expiresOn must be a real calendar date (YYYY-MM-DD)' })
  message!: string;
}

/** An `application/problem+json` body (RFC 9457). */
export class ProblemDto {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid.' })
  detail!: string;

  @ApiPropertyOptional({
    example: 'I2_PASSPORT_EXPIRED',
    description: 'The RULES.md id of a refusing rule (422, 409).',
  })
  code?: string;

  @ApiPropertyOptional({ type: () => FieldErrorDto, isArray: true, description: 'Every offending field (400).' })
  errors?: FieldErrorDto[];
}
