import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';
import { isRuleId, type RuleId } from '../rules/rule-ids';
import { isNonTrivialText } from './explanations';

/**
 * R1: the R200 grounds a refusal links to: R200(1)(b), the applicant will not leave at the end of
 * the stay; R200(1)(c)(ii), the work is not described in R205 (no letter, no intent to reside in
 * Quebec, CSQ not in a skilled-worker category…).
 */
export const REFUSAL_GROUNDS = ['R200(1)(b)', 'R200(1)(c)(ii)'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** One requirement not met: its R200 ground, the rulebook id when one applies, and why, engaging with the evidence. */
export type RefusalReason = Readonly<{ ground: RefusalGround; rule: RuleId | null; explanation: string }>;

/** A reason as an officer gives it; ground and rule are checked against the rulebook (R1). */
export type RefusalReasonInput = Readonly<{ ground: string; rule?: string | null; explanation: string }>;

const isRefusalGround = (value: unknown): value is RefusalGround =>
  typeof value === 'string' && (REFUSAL_GROUNDS as readonly string[]).includes(value);

/** R1: at least one reason; each names a known ground and explains itself non-trivially. */
export function validatedRefusalReasons(reasons: readonly RefusalReasonInput[] | undefined): readonly RefusalReason[] {
  if (!reasons || reasons.length === 0) fail('R1_REASONS_REQUIRED', 'A refusal names at least one requirement not met');
  return reasons.map((reason, index) => {
    if (!isRefusalGround(reason.ground)) {
      fail('R1_UNKNOWN_GROUND', `Reason ${index + 1}: ground ${String(reason.ground)} is not one of ${REFUSAL_GROUNDS.join(', ')}`);
    }
    const rule = reason.rule ?? null;
    if (rule !== null && !isRuleId(rule)) fail('R1_UNKNOWN_RULE', `Reason ${index + 1}: ${String(rule)} is not a rule id`);
    if (!isNonTrivialText(reason.explanation)) {
      fail(
        'R1_EXPLANATION_REQUIRED',
        `Reason ${index + 1}: the explanation needs at least ${POLICY.minimumExplanationCharacters} non-blank characters`,
      );
    }
    return { ground: reason.ground, rule, explanation: reason.explanation };
  });
}
