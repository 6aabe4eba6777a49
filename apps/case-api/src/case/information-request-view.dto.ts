import { ApiProperty } from '@nestjs/swagger';
import {
  INFORMATION_REQUEST_KINDS,
  INFORMATION_REQUEST_STATUSES,
  type InformationRequestKind,
  type InformationRequestStatus,
} from '../http/dto/enums';

/** One request for information of `ApplicationView.informationRequests` (RULES.md H2, H3). */
export class InformationRequestViewDto {
  @ApiProperty({ example: '5b2c0a4e-6f1d-4c3b-9a8e-7d6c5b4a3f21' })
  id!: string;

  @ApiProperty({ enum: INFORMATION_REQUEST_KINDS, example: 'documents' })
  kind!: InformationRequestKind;

  @ApiProperty({ example: 'The CSQ on file does not match the employer named in the application.' })
  concern!: string;

  @ApiProperty({ format: 'date', example: '2024-06-19', description: 'H2: the last Eastern day to answer.' })
  dueOn!: string;

  @ApiProperty({
    enum: INFORMATION_REQUEST_STATUSES,
    example: 'open',
    description: 'H2: `overdue` once the due date ended unanswered; a later response makes it `answered`.',
  })
  status!: InformationRequestStatus;
}
