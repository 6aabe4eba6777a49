import { fail } from '../errors/domain-error-codes';
import { isRuleId, type RuleId } from '../rules/rule-ids';
import { requireSufficientExplanation } from './explanations';

/**
 * R1: the two R200 grounds RULES.md names: R200(1)(b), the applicant will not leave at the end of
 * the stay; R200(1)(c)(ii), the work is not described in R205 (no letter, no intent to reside in
 * Quebec, CSQ not in a skilled-worker category…). Other grounds are accepted by shape (R4).
 */
export const REFUSAL_GROUNDS = ['R200(1)(b)', 'R200(1)(c)(ii)'] as const;

/**
 * R4: a refusal ground as the law cites it: a paragraph of R200 (`R200(1)(…)`: IRPR section 200,
 * the eligibility requirements of a work permit) or an IRPA admissibility section (`A34`–`A42`,
 * e.g. `A40(1)(a)` misrepresentation, `A36(1)` criminality, `A38(1)` health), without spaces.
 */
export type RefusalGround = string;

const SUBDIVISIONS = String.raw`(?:\((?:[1-9][0-9]*(?:\.[0-9]+)?|[a-z](?:\.[0-9]+)?|[ivx]+)\))`;
const R200_GROUND = new RegExp(String.raw`^R200\(1\)${SUBDIVISIONS}+$`);
const IRPA_GROUND = new RegExp(String.raw`^A(?:3[0-9]|4[0-9])(?:\.[0-9]+)?${SUBDIVISIONS}*$`);

/** R4: the ground has the shape of an R200(1) paragraph or of an IRPA A3x/A4x admissibility section. */
export const isRefusalGround = (value: unknown): value is RefusalGround =>
  typeof value === 'string' && (R200_GROUND.test(value) || IRPA_GROUND.test(value));

/** One requirement not met: its ground, the rulebook id when one applies, and why, engaging with the evidence. */
export type RefusalReason = Readonly<{ ground: RefusalGround; rule: RuleId | null; explanation: string }>;

/** A reason as an officer gives it; ground and rule are checked against the rulebook (R1, R4). */
export type RefusalReasonInput = Readonly<{ ground: string; rule?: string | null; explanation: string }>;

/** R1, R4, R5: at least one reason; each names a well-formed ground and explains itself with the evidence. */
export function validatedRefusalReasons(reasons: readonly RefusalReasonInput[] | undefined): readonly RefusalReason[] {
  if (!reasons || reasons.length === 0) fail('R1_REASONS_REQUIRED', 'A refusal names at least one requirement not met');
  return reasons.map((reason, index) => {
    const ground = typeof reason.ground === 'string' ? reason.ground.trim() : reason.ground;
    if (!isRefusalGround(ground)) {
      fail(
        'R1_UNKNOWN_GROUND',
        `Reason ${index + 1}: ground ${String(reason.ground)} is neither R200(1)(…) nor an IRPA A3x/A4x(…) section`,
      );
    }
    const rule = reason.rule ?? null;
    if (rule !== null && !isRuleId(rule))
      fail('R1_UNKNOWN_RULE', `Reason ${index + 1}: ${String(rule)} is not a rule id`);
    const explanation = requireSufficientExplanation(reason.explanation, `Reason ${index + 1}`);
    return { ground, rule, explanation };
  });
}
