/** Every rule id of shared/RULES.md, in the rulebook's order. */
export const RULE_IDS = [
  'P1', 'P2', 'P3',
  'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8',
  'D1', 'D2', 'D3',
  'F1', 'F2', 'F3',
  '$1', '$2', '$3',
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6',
  'B1', 'B2', 'B3', 'B4', 'B5',
  'R1', 'R2', 'R3', 'R4', 'R5',
  'I1', 'I2', 'I3',
  'X1', 'X2', 'X3', 'X4', 'X5',
  'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M8', 'M9', 'M10', 'M11',
  'T1', 'T2',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const isRuleId = (value: unknown): value is RuleId =>
  typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
