import { POLICY } from '../policy/policy';

/** R1 [INF]: an explanation or justification is non-trivial when it has enough non-blank characters. */
export const isNonTrivialText = (text: unknown): boolean =>
  typeof text === 'string' && text.replace(/\s/g, '').length >= POLICY.minimumExplanationCharacters;
