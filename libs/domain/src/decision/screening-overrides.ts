import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';
import { isRuleId, type RuleId } from '../rules/rule-ids';
import { failedRules, type Finding } from '../screening/finding';
import { isNonTrivialText } from './explanations';

/** An officer's reasoned decision to approve although the automatic finding for `rule` failed. */
export type ScreeningOverride = Readonly<{ rule: RuleId; justification: string }>;

/** An override as an officer gives it; the rule is checked against the rulebook. */
export type ScreeningOverrideInput = Readonly<{ rule: string; justification: string }>;

/**
 * Approving while a finding failed needs one override per failed rule, each with a non-trivial
 * justification; an override of a rule that did not fail is refused (it would mislead an audit).
 */
export function validatedOverrides(
  findings: readonly Finding[],
  overrides: readonly ScreeningOverrideInput[] = [],
): readonly ScreeningOverride[] {
  const failed = failedRules(findings);
  const validated = overrides.map(({ rule, justification }): ScreeningOverride => {
    if (!isRuleId(rule)) fail('R1_UNKNOWN_RULE', `Override of ${String(rule)}: not a rule id`);
    if (!failed.includes(rule)) fail('SCREENING_OVERRIDE_NOT_FAILED', `The ${rule} finding did not fail`);
    if (!isNonTrivialText(justification)) {
      fail(
        'SCREENING_OVERRIDE_UNJUSTIFIED',
        `The override of ${rule} needs at least ${POLICY.minimumExplanationCharacters} non-blank characters of justification`,
      );
    }
    return { rule, justification };
  });
  const missing = failed.filter((rule) => !validated.some((override) => override.rule === rule));
  if (missing.length > 0)
    fail('SCREENING_OVERRIDE_REQUIRED', `Failed findings without an override: ${missing.join(', ')}`);
  return validated;
}
