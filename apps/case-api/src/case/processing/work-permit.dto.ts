import { BooleanField, EnumField, NestedField, PlainDateField } from '../../http/dto/api-field.decorator';
import { MEDICAL_RESULTS, type MedicalResult } from '../../http/dto/enums';
import { AbsentWhen } from '../../http/dto/validators/presence.validator';

const noExam = (medical: MedicalDto): boolean => medical.examCompleted === false;

/** The immigration medical examination as it bears on the permit's conditions (RULES.md I3). */
export class MedicalDto {
  @BooleanField({ example: true, description: 'Without an exam the permit carries the occupation restrictions of I3.' })
  examCompleted!: boolean;

  @BooleanField({
    example: false,
    description: 'The applicant resided in a designated country (adds agricultural occupations).',
  })
  designatedCountry!: boolean;

  @EnumField(MEDICAL_RESULTS, {
    optional: true,
    example: 'M1',
    description:
      'IRCC medical profile M1–M6 or surveillance code S1/S2; M4 and M6 block issuance, S2 adds the ' +
      'medical surveillance condition. Absent when no exam was completed. Kept for older clients: a result ' +
      'recorded before the decision (POST …/medical-results, I4) is the one used, and this one must then agree ' +
      'with it (422 I4_MEDICAL_RESULT_MISMATCH).',
  })
  @AbsentWhen(noExam, 'examCompleted is false')
  result?: MedicalResult;
}

/** Body of `POST …/work-permit`. */
export class IssueWorkPermitDto {
  @PlainDateField({
    example: '2025-01-10',
    description: 'Validity runs 36 months from here, capped by the passport (I1, I2).',
  })
  issuedOn!: string;

  @NestedField(() => MedicalDto)
  medical!: MedicalDto;
}
