import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { ScreeningOverrideInput } from '../decision/screening-overrides';
import { fail } from '../errors/domain-error-codes';
import { failed, type Finding } from '../screening/finding';
import type { MedicalAssessment } from './medical-conditions';

/**
 * I4: the medical profile an IME (immigration medical examination) ends in: M1–M3 passed, M4 and
 * M6 inadmissible on health grounds (A38(1)), M5 excessive demand on health or social services.
 */
export const MEDICAL_PROFILES = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6'] as const;
export type MedicalProfile = (typeof MEDICAL_PROFILES)[number];

/** I4: medical surveillance codes: the person must report to a provincial public health authority. */
export const SURVEILLANCE_CODES = ['S2.02', 'S2.02U'] as const;
export type SurveillanceCode = (typeof SURVEILLANCE_CODES)[number];

/** I4 [OFF, IRCC open work permit page]: the permit remark of a surveillance code, verbatim (with its final period). */
export const MEDICAL_SURVEILLANCE_REMARK = 'medical surveillance required.';

/** I4: a medical result recorded on the case before the decision. */
export type MedicalRecord = Readonly<{
  result: MedicalProfile;
  examinedOn: PlainDate;
  surveillance: SurveillanceCode | null;
  recordedAt: Instant;
}>;

const INADMISSIBLE: readonly MedicalProfile[] = ['M4', 'M6'];
const EXCESSIVE_DEMAND: MedicalProfile = 'M5';

export const isMedicalProfile = (value: unknown): value is MedicalProfile =>
  (MEDICAL_PROFILES as readonly unknown[]).includes(value);
export const isSurveillanceCode = (value: unknown): value is SurveillanceCode =>
  (SURVEILLANCE_CODES as readonly unknown[]).includes(value);

/** I4: R206, R207(c) or R207(d) of the IRPR, the exemptions from excessive demand an M5 approval must cite. */
const EXCESSIVE_DEMAND_EXEMPTION = /\bR\s?(206(?![0-9])|207\s?\(\s?[cd]\s?\))/i;

export const citesExcessiveDemandExemption = (text: string): boolean => EXCESSIVE_DEMAND_EXEMPTION.test(text);

/**
 * I4: what approval must answer about the recorded result. M4 or M6 cannot be approved (the officer
 * refuses under A38(1)); M5 needs an override of I4 whose justification cites R206 or R207(c)/(d).
 * The M5 case is a failed I4 finding at decision, so the override is validated and recorded with
 * the others; no result recorded, or M1–M3, asks for nothing.
 */
export function medicalFindingsAtDecision(
  medical: MedicalRecord | null,
  overrides: readonly ScreeningOverrideInput[],
): readonly Finding[] {
  if (medical === null) return [];
  if (INADMISSIBLE.includes(medical.result)) {
    fail(
      'I4_MEDICALLY_INADMISSIBLE',
      `Medical result ${medical.result} of ${medical.examinedOn}: inadmissible on health grounds, refuse under A38(1)`,
    );
  }
  if (medical.result !== EXCESSIVE_DEMAND) return [];
  const override = overrides.find((candidate) => candidate.rule === 'I4');
  if (!override) {
    fail(
      'I4_EXCESSIVE_DEMAND_OVERRIDE_REQUIRED',
      'Medical result M5 (excessive demand): approval needs an override of I4 citing R206 or R207(c)/(d)',
    );
  }
  if (!citesExcessiveDemandExemption(override.justification)) {
    fail('I4_EXCESSIVE_DEMAND_CITATION_REQUIRED', 'The override of I4 must cite R206 or R207(c)/(d)');
  }
  return [failed('I4', `Medical result M5 of ${medical.examinedOn}: excessive demand`)];
}

/**
 * I3, I4: the assessment a permit is issued on. A recorded result wins; the body's result, kept
 * for older clients, must then agree with it (an exam was completed). With none recorded the body
 * alone decides, as before I4.
 */
export function assessmentAtIssuance(medical: MedicalRecord | null, given: MedicalAssessment): MedicalAssessment {
  if (medical === null) return given;
  if (!given.examCompleted || (given.result !== undefined && given.result !== medical.result)) {
    const stated = given.examCompleted ? `result ${String(given.result)}` : 'no completed exam';
    fail(
      'I4_MEDICAL_RESULT_MISMATCH',
      `The permit states ${stated}, but result ${medical.result} of ${medical.examinedOn} was recorded`,
    );
  }
  return { examCompleted: true, designatedCountry: given.designatedCountry, result: medical.result };
}

/** I4: the remark a surveillance code puts on the permit. */
export const surveillanceRemarks = (medical: MedicalRecord | null): readonly string[] =>
  medical?.surveillance ? [MEDICAL_SURVEILLANCE_REMARK] : [];
