import { InstantField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';

/** Body of `POST …/withdrawal` (RULES.md R3). */
export class WithdrawApplicationDto {
  @InstantField({ optional: true, example: '2024-12-10T09:15:00Z', description: 'Defaults to now.' })
  requestedAt?: string;

  @TextField({
    optional: true,
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Applicant accepted an employer-specific permit instead.',
  })
  reason?: string;
}
