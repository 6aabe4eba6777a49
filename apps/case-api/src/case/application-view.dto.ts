import { ApiProperty } from '@nestjs/swagger';
import {
  BiometricsViewDto,
  DecisionViewDto,
  ExtensionViewDto,
  FeesViewDto,
  IntakeViewDto,
  MedicalViewDto,
  ScreeningFindingDto,
} from './application-view-parts.dto';
import {
  APPLICANT_TYPES,
  APPLICATION_STATUSES,
  CHANNELS,
  FORMS,
  ROUTINGS,
  type ApplicantType,
  type ApplicationStatus,
  type Channel,
  type Form,
  type Routing,
} from '../http/dto/enums';
import { CaseNoteViewDto } from './case-note-view.dto';
import { FamilyViewDto } from './family-view.dto';
import { InformationRequestViewDto } from './information-request-view.dto';
import { PermitViewDto } from './permit-view.dto';

/** The case as the case-view projection holds it (`ApplicationView` of shared/API.md). Not validated. */
export class ApplicationViewDto {
  @ApiProperty({ format: 'uuid', example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19' })
  id!: string;

  @ApiProperty({
    type: 'integer',
    example: 7,
    description: 'Revision of the last event of the stream (also the ETag).',
  })
  revision!: number;

  @ApiProperty({ enum: APPLICANT_TYPES, example: 'principal' })
  applicantType!: ApplicantType;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null })
  principalApplicationId!: string | null;

  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'permit-issued' })
  status!: ApplicationStatus;

  @ApiProperty({ format: 'date-time', example: '2024-12-02T14:03:00Z' })
  receivedAt!: string;

  @ApiProperty({ enum: CHANNELS, example: 'online' })
  channel!: Channel;

  @ApiProperty({ enum: FORMS, example: 'IMM5710' })
  form!: Form;

  @ApiProperty({ enum: ROUTINGS, example: 'centralized-network' })
  routing!: Routing;

  @ApiProperty({
    type: () => IntakeViewDto,
    nullable: true,
    description: 'Null for family members, who do not count against the cap (C2).',
  })
  intake!: IntakeViewDto | null;

  @ApiProperty({ type: () => ScreeningFindingDto, isArray: true })
  screening!: ScreeningFindingDto[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: null, description: 'RULES.md C6.' })
  possibleDuplicateOf!: string | null;

  @ApiProperty({ type: () => FeesViewDto })
  fees!: FeesViewDto;

  @ApiProperty({ type: () => BiometricsViewDto })
  biometrics!: BiometricsViewDto;

  @ApiProperty({
    type: () => MedicalViewDto,
    nullable: true,
    description: 'I4: the medical result recorded before the decision; null when none was.',
  })
  medical!: MedicalViewDto | null;

  @ApiProperty({
    type: () => DecisionViewDto,
    nullable: true,
    description: 'The current decision; null while undecided, also after a set-aside (R7) until the new decision.',
  })
  decision!: DecisionViewDto | null;

  @ApiProperty({ type: () => PermitViewDto, nullable: true })
  permit!: PermitViewDto | null;

  @ApiProperty({ type: () => FamilyViewDto })
  family!: FamilyViewDto;

  @ApiProperty({ type: () => ExtensionViewDto, isArray: true })
  extensions!: ExtensionViewDto[];

  @ApiProperty({ type: () => InformationRequestViewDto, isArray: true, description: 'RULES.md H2, H3: oldest first.' })
  informationRequests!: InformationRequestViewDto[];

  @ApiProperty({
    type: () => CaseNoteViewDto,
    isArray: true,
    required: false,
    description: 'RULES.md H1: oldest first; present for officers and auditors only, never for intake.',
  })
  notes?: CaseNoteViewDto[];
}

/** Answer of `GET /v1/applications`. */
export class ApplicationListDto {
  @ApiProperty({ type: () => ApplicationViewDto, isArray: true })
  items!: ApplicationViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
