import { ApiProperty } from '@nestjs/swagger';

/** Answer of `GET /v1/intake/{year}`: the cap ledger of one calendar year (RULES.md C1–C5). */
export class IntakeLedgerDto {
  @ApiProperty({ type: 'integer', example: 2024 })
  year!: number;

  @ApiProperty({ type: 'integer', example: 7350 })
  cap!: number;

  @ApiProperty({ type: 'integer', example: 7412, description: 'Principal applications recorded this year (C2).' })
  counted!: number;

  @ApiProperty({ type: 'integer', example: 7350 })
  withinCap!: number;

  @ApiProperty({ type: 'integer', example: 62 })
  overCap!: number;

  @ApiProperty({ type: 'integer', example: 58, description: 'Over-cap online applications cancelled (C4).' })
  cancelledOverCap!: number;

  @ApiProperty({ type: 'integer', example: 4, description: 'Over-cap paper applications returned (C4).' })
  returnedOverCap!: number;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    example: '2024-09-17T15:42:10Z',
    description:
      'H5: when the within-cap count reached the cap — the receipt of the application numbered `cap` (IntakeCapReached); null until then.',
  })
  capReachedAt!: string | null;
}

/** Answer of `GET /v1/intake/{year}/numbers/{number}`: the application that took an intake number (C3). */
export class IntakeNumberHolderDto {
  @ApiProperty({ type: 'integer', example: 2024 })
  year!: number;

  @ApiProperty({ type: 'integer', example: 1187 })
  number!: number;

  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  applicationId!: string;

  @ApiProperty({ example: true, description: 'C4: whether the number is within the year’s cap.' })
  withinCap!: boolean;
}
