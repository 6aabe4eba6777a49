import { ApiProperty } from '@nestjs/swagger';

/** API v1.1 `family` (RULES.md M7, M11): the principal an application's family follows and the members linked to it. */
export class FamilyViewDto {
  @ApiProperty({
    format: 'uuid',
    example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19',
    description: "The family's principal application: the application's own id on a principal's view.",
  })
  principalApplicationId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    example: ['8a1c6f0e-2b3d-4e5f-9a7b-1c2d3e4f5a6b'],
    description: "The family members' applications linked to the principal (spouse, dependent children), in id order.",
  })
  members!: string[];
}
