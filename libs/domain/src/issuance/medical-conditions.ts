import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';

/** IME (immigration medical examination) results as coded in GCMS; M4 and M6 bar a permit, S2 means surveillance. */
export const MEDICAL_RESULTS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'S1', 'S2'] as const;
export type MedicalResult = (typeof MEDICAL_RESULTS)[number];

export type MedicalAssessment = Readonly<{
  examCompleted: boolean;
  /** I3: the applicant resided in a country designated for medical exams. */
  designatedCountry: boolean;
  result?: MedicalResult;
}>;

const INADMISSIBLE: readonly MedicalResult[] = ['M4', 'M6'];

/** I3 [OFF]: the restriction on a permit issued without a completed medical exam. */
export function noExamCondition(designatedCountry: boolean): string {
  const occupations = ['child care', 'primary or secondary school teaching', 'health services field occupations'];
  if (designatedCountry) occupations.push('agricultural occupations');
  return `Not authorized to work in ${occupations.map((occupation, index) => `${index + 1}) ${occupation}`).join(', ')}.`;
}

/** I3: the medical conditions of a permit; throws when the result bars a permit (M4, M6). */
export function medicalConditions(medical: MedicalAssessment): readonly string[] {
  if (!medical.examCompleted) {
    if (medical.result !== undefined)
      fail('I3_RESULT_WITHOUT_EXAM', `Medical result ${medical.result} given without a completed exam`);
    return [noExamCondition(medical.designatedCountry)];
  }
  if (medical.result !== undefined && INADMISSIBLE.includes(medical.result)) {
    fail('I3_MEDICALLY_INADMISSIBLE', `Medical result ${medical.result}: no permit`);
  }
  return medical.result === 'S2' ? [POLICY.medicalSurveillanceCondition] : [];
}
