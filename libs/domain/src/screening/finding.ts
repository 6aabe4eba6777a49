import type { RuleId } from '../rules/rule-ids';

export const FINDING_OUTCOMES = ['passed', 'failed', 'not-applicable'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** What automatic screening found for one rule at receipt, with the evidence it used. It never decides. */
export type Finding = Readonly<{ rule: RuleId; outcome: FindingOutcome; detail: string }>;

export const passed = (rule: RuleId, detail: string): Finding => ({ rule, outcome: 'passed', detail });
export const failed = (rule: RuleId, detail: string): Finding => ({ rule, outcome: 'failed', detail });
export const notApplicable = (rule: RuleId, detail: string): Finding => ({ rule, outcome: 'not-applicable', detail });

/** `passed` when `ok`, otherwise `failed`, with the matching detail. */
export const check = (rule: RuleId, ok: boolean, whenPassed: string, whenFailed: string): Finding =>
  ok ? passed(rule, whenPassed) : failed(rule, whenFailed);

export const failedRules = (findings: readonly Finding[]): readonly RuleId[] =>
  findings.filter((finding) => finding.outcome === 'failed').map((finding) => finding.rule);
