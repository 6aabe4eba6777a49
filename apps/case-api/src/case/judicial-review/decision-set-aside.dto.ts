import { PlainDateField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';

/** Body of `POST …/decision-set-aside`: the court's judgment on judicial review (RULES.md R7). */
export class SetAsideDecisionDto {
  @TextField({ maxLength: MAX_NAME_LENGTH, example: 'Federal Court' })
  court!: string;

  @TextField({ maxLength: MAX_IDENTIFIER_LENGTH, example: 'IMM-1234-25', description: "The court's file number." })
  docket!: string;

  @PlainDateField({
    example: '2025-09-15',
    description: 'Date of the judgment: on or after the decision, not after today.',
  })
  decidedOn!: string;

  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Application for judicial review allowed: the officer did not engage with the proof of residence.',
  })
  reason!: string;
}
