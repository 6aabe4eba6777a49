import { ApiProperty } from '@nestjs/swagger';

/** API v1.1 `notes[]` (RULES.md H1): a note as officers and auditors see it; intake never does. */
export class CaseNoteViewDto {
  @ApiProperty({ format: 'uuid', example: '5b0e3c2a-9d1f-4e6a-8b7c-2d3e4f5a6b7c' })
  id!: string;

  @ApiProperty({ example: 'Called the employer: the job offer stands.' })
  text!: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: null,
    description: 'The note this one corrects.',
  })
  corrects!: string | null;

  @ApiProperty({ format: 'date-time', example: '2024-12-03T15:20:00Z' })
  addedAt!: string;

  @ApiProperty({ example: 'officer-7' })
  officerId!: string;
}
