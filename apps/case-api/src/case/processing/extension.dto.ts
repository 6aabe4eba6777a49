import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField, NestedField, PlainDateField, TextArrayField } from '../../http/dto/api-field.decorator';
import { MAX_LIST_ITEMS, MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';
import { EXTENSION_OUTCOMES, type ExtensionOutcome } from '../../http/dto/enums';
import { PrApplicationProofDto } from '../pr-application.dto';
import { AbsentWhen } from '../../http/dto/validators/presence.validator';

/** Body of `POST …/extensions` (RULES.md X1, X2: proof of the PR application and its AOR). */
export class RequestExtensionDto {
  @PlainDateField({ example: '2027-11-15' })
  requestedOn!: string;

  @NestedField(() => PrApplicationProofDto)
  prApplication!: PrApplicationProofDto;
}

/** Body of `POST …/extensions/{extensionId}/decision` (RULES.md X3). */
export class DecideExtensionDto {
  @EnumField(EXTENSION_OUTCOMES, { example: 'approved' })
  outcome!: ExtensionOutcome;

  @IntField({ optional: true, min: 1, max: 36, example: 12, description: 'Approval only; 12 months when absent (X3).' })
  @AbsentWhen((dto: DecideExtensionDto) => dto.outcome === 'refused', 'outcome is refused')
  months?: number;

  @TextArrayField({
    optional: true,
    maxItems: MAX_LIST_ITEMS,
    maxLength: MAX_TEXT_LENGTH,
    example: ['PR application E001234567 still in processing; AOR received 2024-04-10.'],
  })
  reasons?: string[];
}

/** `201` answer of `POST …/extensions`. */
export class ExtensionCreatedDto {
  @ApiProperty({ example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  extensionId!: string;
}
