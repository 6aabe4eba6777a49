import { ApiProperty } from '@nestjs/swagger';
import { TextField, UuidField } from '../../http/dto/api-field.decorator';
import { MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';

/** Body of `POST …/notes` (RULES.md H1): free text; a correction names the note it corrects. */
export class AddCaseNoteDto {
  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'Called the employer: the job offer stands.\nCSQ confirmed with MIFI.',
  })
  text!: string;

  @UuidField({
    optional: true,
    example: '5b0e3c2a-9d1f-4e6a-8b7c-2d3e4f5a6b7c',
    description: 'H1: the note this one corrects (notes are never edited); 422 H1_CORRECTED_NOTE_NOT_FOUND if unknown.',
  })
  corrects?: string;
}

/** Answer of `POST …/notes`. */
export class CaseNoteCreatedDto {
  @ApiProperty({ format: 'uuid', example: '5b0e3c2a-9d1f-4e6a-8b7c-2d3e4f5a6b7c' })
  noteId!: string;
}
