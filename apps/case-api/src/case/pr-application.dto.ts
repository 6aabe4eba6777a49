import { EnumField, PlainDateField, TextField } from '../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH } from '../http/dto/dto-limits';
import { PR_APPLICATION_STATUSES, type PrApplicationStatus } from '../http/dto/enums';

/** Proof of a permanent residence (PR) application; AOR: IRCC's acknowledgment of receipt (RULES.md X2). */
export class PrApplicationProofDto {
  @TextField({
    maxLength: MAX_IDENTIFIER_LENGTH,
    example: 'E001234567',
    description: 'IRCC application number (E number of the AOR, or X number of the submission confirmation).',
  })
  number!: string;

  @PlainDateField({ example: '2024-03-15' })
  submittedOn!: string;

  @PlainDateField({ optional: true, example: '2024-04-10' })
  aorReceivedOn?: string;
}

/** The applicant's PR application as known at submission (RULES.md E4, E8, D2). */
export class PrApplicationDto extends PrApplicationProofDto {
  @EnumField(PR_APPLICATION_STATUSES, {
    example: 'in-progress',
    description: 'A decided PR application makes A76 unavailable (E8).',
  })
  status!: PrApplicationStatus;
}
