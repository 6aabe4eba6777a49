import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECISION_OUTCOMES,
  EXTENSION_STATUSES,
  MEDICAL_PROFILES,
  SCREENING_OUTCOMES,
  SURVEILLANCE_CODES,
  type DecisionOutcome,
  type ExtensionStatus,
  type MedicalProfile,
  type ScreeningOutcome,
  type SurveillanceCode,
} from '../http/dto/enums';

/** The application's place in its year's intake (RULES.md C1–C3). */
export class IntakeViewDto {
  @ApiProperty({ type: 'integer', example: 2024, description: 'Calendar year of receipt in Eastern time.' })
  year!: number;

  @ApiProperty({ type: 'integer', example: 812, description: 'Order of intake within the year, from 1.' })
  number!: number;

  @ApiProperty({ example: true })
  withinCap!: boolean;
}

/** What screening found for one rule, with the evidence it used (RULES.md §2). */
export class ScreeningFindingDto {
  @ApiProperty({ example: 'E2' })
  rule!: string;

  @ApiProperty({ enum: SCREENING_OUTCOMES, example: 'passed' })
  outcome!: ScreeningOutcome;

  @ApiProperty({ example: 'Resides in ON, outside Quebec.' })
  detail!: string;
}

/** CAD amounts by fee; a fee not paid or not refunded is absent. */
export class FeeAmountsDto {
  @ApiPropertyOptional({ example: 155 })
  processing?: number;

  @ApiPropertyOptional({ example: 100 })
  openWorkPermitHolder?: number;

  @ApiPropertyOptional({ example: 85 })
  biometrics?: number;

  @ApiPropertyOptional({ example: 239.75 })
  restoration?: number;
}

export class FeesViewDto {
  @ApiProperty({ type: () => FeeAmountsDto })
  paid!: FeeAmountsDto;

  @ApiProperty({ type: () => FeeAmountsDto, example: {} })
  refunded!: FeeAmountsDto;
}

/** The biometric instruction letter (BIL): the notice to give biometrics within 30 days (RULES.md B1, B2). */
export class BiometricLetterViewDto {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2024-12-03T14:03:00Z',
    description: 'Null only for a letter known from its cancellation alone.',
  })
  issuedAt!: string | null;

  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    example: '2025-01-02',
    description: 'The last day, Eastern, to give biometrics (B1, B2): a date, not an instant.',
  })
  dueBy!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  cancelledAt!: string | null;
}

export class BiometricsViewDto {
  @ApiProperty({ example: true })
  required!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Why biometrics are not required (RULES.md B3).',
  })
  exemption!: string | null;

  @ApiProperty({ type: () => BiometricLetterViewDto, nullable: true })
  letter!: BiometricLetterViewDto | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2024-12-20T15:30:00Z' })
  enrolledAt!: string | null;
}

/** I4: the medical result recorded before the decision. */
export class MedicalViewDto {
  @ApiProperty({ enum: MEDICAL_PROFILES, example: 'M1' })
  result!: MedicalProfile;

  @ApiProperty({ format: 'date', example: '2024-11-28' })
  examinedOn!: string;

  @ApiProperty({ enum: SURVEILLANCE_CODES, nullable: true, type: String, example: null })
  surveillance!: SurveillanceCode | null;
}

/** R7: the decision a set-aside undid. */
export class PreviousDecisionViewDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'refused' })
  outcome!: DecisionOutcome;

  @ApiProperty({ format: 'date-time', example: '2025-01-08T16:20:00Z' })
  decidedAt!: string;

  @ApiProperty({ example: 'officer-0042' })
  officerId!: string;
}

/** R7: a judgment of the Federal Court (judicial review) that set a decision aside. */
export class SetAsideViewDto {
  @ApiProperty({ example: 'Federal Court' })
  court!: string;

  @ApiProperty({ example: 'IMM-1234-25' })
  docket!: string;

  @ApiProperty({ format: 'date', example: '2025-09-15' })
  decidedOn!: string;

  @ApiProperty({ example: 'Application for judicial review allowed: the officer did not engage with the evidence.' })
  reason!: string;

  @ApiProperty({ type: () => PreviousDecisionViewDto })
  previous!: PreviousDecisionViewDto;
}

/** A ground of a refusal as recorded (R1, R4): `rule` is null when the officer named none. */
export class RefusalReasonViewDto {
  @ApiProperty({ example: 'R200(1)(c)(ii)' })
  ground!: string;

  @ApiProperty({ nullable: true, type: String, example: 'E6' })
  rule!: string | null;

  @ApiProperty({ example: 'The invitation letter is dated after MIFI stopped issuing A76 invitations.' })
  explanation!: string;
}

export class DecisionViewDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'approved' })
  outcome!: DecisionOutcome;

  @ApiProperty({ format: 'date-time', example: '2025-01-08T16:20:00Z' })
  decidedAt!: string;

  @ApiProperty({ example: 'officer-0042' })
  officerId!: string;

  @ApiProperty({
    type: () => RefusalReasonViewDto,
    isArray: true,
    example: [],
    description: 'The grounds of a refusal (R1).',
  })
  reasons!: RefusalReasonViewDto[];

  @ApiProperty({
    type: () => SetAsideViewDto,
    isArray: true,
    example: [],
    description: 'R7: earlier decisions on this application set aside by the court, oldest first.',
  })
  setAside!: SetAsideViewDto[];
}

export class ExtensionViewDto {
  @ApiProperty({ example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  id!: string;

  @ApiProperty({ format: 'date', example: '2027-11-15' })
  requestedOn!: string;

  @ApiProperty({ enum: EXTENSION_STATUSES, example: 'requested' })
  status!: ExtensionStatus;

  @ApiProperty({ format: 'date', nullable: true, type: String, example: null })
  validTo!: string | null;
}
