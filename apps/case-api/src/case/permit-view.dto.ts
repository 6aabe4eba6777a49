import { ApiProperty } from '@nestjs/swagger';
import { EXEMPTION_CODES, type ExemptionCode } from '../http/dto/enums';

/** The issued work permit as coded in GCMS, IRCC's case management system (RULES.md §9, M1). */
export class PermitViewDto {
  @ApiProperty({ example: 'R205(a)' })
  authority!: string;

  @ApiProperty({ enum: ['27', '20'], example: '27', description: '27 for the principal, 20 for family members.' })
  caseType!: string;

  @ApiProperty({ enum: EXEMPTION_CODES, example: 'A76' })
  exemptionCode!: ExemptionCode;

  @ApiProperty({ example: 'Quebec' })
  provinceOfDestination!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Quebec NES',
    description: 'Null for family members (M1: never a city).',
  })
  cityOfDestination!: string | null;

  @ApiProperty({
    enum: ['9999', '99999'],
    example: '99999',
    description: '9999 when received on or before 2022-11-15.',
  })
  noc!: string;

  @ApiProperty({ example: 'Open' })
  intendedOccupation!: string;

  @ApiProperty({ example: 'Open' })
  employer!: string;

  @ApiProperty({ format: 'date', example: '2025-01-10' })
  issuedOn!: string;

  @ApiProperty({ format: 'date', example: '2028-01-10' })
  validTo!: string;

  @ApiProperty({ type: String, isArray: true, example: ['Not authorized to work in any location other than stated.'] })
  conditions!: string[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'CSQ holders – A76',
    description: 'Null for family members (their permit carries no user note).',
  })
  userNote!: string | null;

  @ApiProperty({ type: String, isArray: true, example: [] })
  remarks!: string[];
}
