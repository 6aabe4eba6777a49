import { ApiProperty } from '@nestjs/swagger';
import {
  EnumField,
  InstantField,
  NestedArrayField,
  PlainDateField,
  TextArrayField,
  TextField,
} from '../../http/dto/api-field.decorator';
import { MAX_IDENTIFIER_LENGTH, MAX_LIST_ITEMS, MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';
import { INFORMATION_REQUEST_KINDS, type InformationRequestKind } from '../../http/dto/enums';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';

/** One thing asked for (RULES.md H2): a question, with the document that answers it when one is wanted. */
export class InformationItemDto {
  @TextField({ optional: true, maxLength: MAX_NAME_LENGTH, example: 'CSQ' })
  document?: string;

  @TextField({ maxLength: MAX_TEXT_LENGTH, multiline: true, example: 'Send the CSQ issued for this A76 application.' })
  question!: string;
}

/** Body of `POST …/information-requests` (RULES.md H2, H3). */
export class RequestInformationDto {
  @EnumField(INFORMATION_REQUEST_KINDS, {
    example: 'documents',
    description: 'H3: a `procedural-fairness` letter blocks a refusal while open and not yet due (R6).',
  })
  kind!: InformationRequestKind;

  @TextField({
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'The CSQ on file names an employer other than the one in the application.',
  })
  concern!: string;

  @NestedArrayField(() => InformationItemDto, { maxItems: MAX_LIST_ITEMS })
  items!: InformationItemDto[];

  @PlainDateField({
    optional: true,
    example: '2024-06-19',
    description: 'H2: the last Eastern day to answer; 30 days after the request date when absent; never before it.',
  })
  dueOn?: string;
}

/** `201` answer of `POST …/information-requests`. */
export class InformationRequestCreatedDto {
  @ApiProperty({ example: '5b2c0a4e-6f1d-4c3b-9a8e-7d6c5b4a3f21' })
  requestId!: string;

  @ApiProperty({ format: 'date', example: '2024-06-19' })
  dueOn!: string;
}

/** Body of `POST …/information-requests/{requestId}/response` (RULES.md H2). */
export class RecordInformationResponseDto {
  @InstantField({ example: '2024-06-01T12:00:00Z', description: 'When the response reached IRCC.' })
  receivedAt!: string;

  @TextArrayField({ maxItems: MAX_LIST_ITEMS, maxLength: MAX_NAME_LENGTH, example: ['csq.pdf'] })
  documents!: string[];

  @TextField({ optional: true, maxLength: MAX_TEXT_LENGTH, multiline: true, example: 'The CSQ is attached.' })
  text?: string;
}

/** Path of `/v1/applications/{id}/information-requests/{requestId}/response`. */
export class InformationRequestParamsDto extends ApplicationIdParamDto {
  @TextField({
    maxLength: MAX_IDENTIFIER_LENGTH,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]*$/,
    patternMessage: '$property must be letters, digits and dashes',
    example: '5b2c0a4e-6f1d-4c3b-9a8e-7d6c5b4a3f21',
  })
  requestId!: string;
}
