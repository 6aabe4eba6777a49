import { EnumField, PlainDateField } from '../../http/dto/api-field.decorator';
import { MEDICAL_PROFILES, SURVEILLANCE_CODES, type MedicalProfile, type SurveillanceCode } from '../../http/dto/enums';

/** Body of `POST …/medical-results`: the immigration medical examination's result (RULES.md I4). */
export class RecordMedicalResultDto {
  @PlainDateField({
    example: '2024-11-28',
    description: 'Day of the exam; it may precede the application (an upfront medical), never today.',
  })
  examinedOn!: string;

  @EnumField(MEDICAL_PROFILES, {
    example: 'M1',
    description:
      'I4: M1–M3 passed; M4 and M6 inadmissible on health grounds (approval refused, refuse under A38(1)); ' +
      'M5 excessive demand (approval only with an override of I4 citing R206 or R207(c)/(d)).',
  })
  result!: MedicalProfile;

  @EnumField(SURVEILLANCE_CODES, {
    optional: true,
    example: 'S2.02',
    description: 'I4: a surveillance code puts the remark "medical surveillance required." on the permit.',
  })
  surveillance?: SurveillanceCode;
}
