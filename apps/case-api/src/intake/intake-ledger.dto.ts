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
