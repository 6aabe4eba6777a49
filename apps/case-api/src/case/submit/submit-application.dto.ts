import {
  BooleanField,
  EnumSetField,
  EnumField,
  InstantField,
  NestedField,
  TextField,
  UuidField,
} from '../../http/dto/api-field.decorator';
import { ApplicantDto } from './applicant.dto';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../../http/dto/dto-limits';
import {
  APPLICANT_TYPES,
  CHANNELS,
  DOCUMENT_KINDS,
  FORMS,
  isFamilyMemberType,
  type ApplicantType,
  type Channel,
  type DocumentKind,
  type Form,
} from '../../http/dto/enums';
import { FeesDto } from './fees.dto';
import { PrApplicationDto } from '../pr-application.dto';
import { CsqDto, InvitationLetterDto } from './quebec-selection.dto';
import { InCanadaStatusDto, ResidenceDto } from './residence.dto';
import { AbsentWhen, RequiredWhen } from '../../http/dto/validators/presence.validator';

const isFamilyMember = (dto: SubmitApplicationDto): boolean => isFamilyMemberType(dto.applicantType);
const isPrincipal = (dto: SubmitApplicationDto): boolean => dto.applicantType === 'principal';

/**
 * Body of `POST /v1/applications`. Validates shape only: eligibility (RULES.md E1–E8), documents
 * (D1–D3) and fees ($1–$3) are screening findings, and "receivedAt not in the future" is checked
 * against the clock by the handler.
 */
export class SubmitApplicationDto {
  @UuidField({ optional: true, example: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19', description: 'Generated when absent.' })
  applicationId?: string;

  @EnumField(APPLICANT_TYPES, { example: 'principal' })
  applicantType!: ApplicantType;

  @UuidField({
    optional: true,
    example: '0b8e6a52-7f43-4d1c-a5e9-2c6b1f9d3e70',
    description: "The principal's application: required for spouse and dependent-child, absent for a principal.",
  })
  @RequiredWhen(isFamilyMember, 'applicantType is spouse or dependent-child')
  @AbsentWhen(isPrincipal, 'applicantType is principal')
  principalApplicationId?: string;

  @InstantField({
    optional: true,
    example: '2024-12-02T14:03:00Z',
    description:
      'Defaults to now; never in the future. An Eastern date before 2022-05-24, when the program opened, is refused with 422 P3_BEFORE_PROGRAM.',
  })
  receivedAt?: string;

  @EnumField(CHANNELS, { example: 'online', description: 'RULES.md E1.' })
  channel!: Channel;

  @EnumField(FORMS, { example: 'IMM5710', description: 'IMM1295 outside Canada (F1), IMM5710 inside Canada (F2).' })
  form!: Form;

  @BooleanField({ example: false, description: 'Applications at a port of entry are not eligible (E8).' })
  portOfEntry!: boolean;

  @NestedField(() => ApplicantDto)
  applicant!: ApplicantDto;

  @NestedField(() => ResidenceDto)
  residence!: ResidenceDto;

  @NestedField(() => InCanadaStatusDto, { optional: true, description: 'For applicants inside Canada (E7).' })
  inCanadaStatus?: InCanadaStatusDto;

  @BooleanField({ example: true, description: 'RULES.md E3.' })
  intendsToResideInQuebec!: boolean;

  @NestedField(() => CsqDto, { optional: true })
  csq?: CsqDto;

  @NestedField(() => InvitationLetterDto, { optional: true })
  invitationLetter?: InvitationLetterDto;

  @NestedField(() => PrApplicationDto, { optional: true })
  prApplication?: PrApplicationDto;

  @TextField({
    optional: true,
    maxLength: MAX_NAME_LENGTH,
    example: 'CSQ holder outside Quebec – OWP',
    description: 'RULES.md F3.',
  })
  jobTitle?: string;

  @TextField({
    optional: true,
    maxLength: MAX_TEXT_LENGTH,
    multiline: true,
    example: 'A76: International Mobility Program Plus',
    description: 'RULES.md F3.',
  })
  dutiesDescription?: string;

  @NestedField(() => FeesDto)
  fees!: FeesDto;

  @EnumSetField(DOCUMENT_KINDS, {
    example: ['csq', 'invitation-letter', 'intent-to-reside', 'proof-of-residence', 'lease', 'pr-aor'],
    description: 'Supporting documents supplied (RULES.md D1–D3); each kind at most once.',
  })
  documents!: DocumentKind[];
}
