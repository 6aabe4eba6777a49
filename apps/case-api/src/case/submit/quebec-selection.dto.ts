import { EnumField, PlainDateField, TextField } from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH } from '../../http/dto/dto-limits';
import { CSQ_CATEGORIES, type CsqCategory } from '../../http/dto/enums';

/** The Quebec Selection Certificate (CSQ) issued by MIFI, Quebec's immigration ministry (RULES.md E4, E5). */
export class CsqDto {
  @TextField({ maxLength: MAX_IDENTIFIER_LENGTH, example: 'CSQ-2023-0458812' })
  number!: string;

  @PlainDateField({ example: '2023-09-01', description: 'A CSQ is valid 24 months from issue (E4).' })
  issuedOn!: string;

  @EnumField(CSQ_CATEGORIES, { example: 'regular-skilled-worker', description: 'The selection program (E5).' })
  category!: CsqCategory;
}

/** MIFI's letter of invitation to apply under A76 (RULES.md E6, P1, P2). */
export class InvitationLetterDto {
  @TextField({ maxLength: MAX_IDENTIFIER_LENGTH, example: 'PMI-2024-018342' })
  number!: string;

  @PlainDateField({ example: '2024-11-01', description: 'Only letters dated on or before 2025-01-15 are valid (P1).' })
  issuedOn!: string;

  @PlainDateField({ example: '2024-11-03', description: 'The 90 days to apply run from this day (P2).' })
  receivedOn!: string;
}
