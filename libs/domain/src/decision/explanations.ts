import { fail } from '../errors/domain-error-codes';
import { POLICY } from '../policy/policy';

/** R1 [INF]: an explanation or justification is non-trivial when it has enough non-blank characters. */
export const isNonTrivialText = (text: unknown): boolean =>
  typeof text === 'string' && text.replace(/\s/g, '').length >= POLICY.minimumExplanationCharacters;

/** R5: the words of a text, lower-cased; punctuation, case and spacing do not count. */
export const wordsOf = (text: string): readonly string[] =>
  (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []
  ).map((word) => word.replace(/’/g, "'"));

const BOILERPLATE = wordsOf(POLICY.insufficientReasonExample);

/** R5: the words left once every occurrence of IRCC's example of an insufficient reason is taken out. */
function withoutBoilerplate(words: readonly string[]): readonly string[] {
  const kept: string[] = [];
  for (let index = 0; index < words.length;) {
    if (BOILERPLATE.every((word, offset) => words[index + offset] === word)) {
      index += BOILERPLATE.length;
    } else {
      kept.push(words[index]);
      index += 1;
    }
  }
  return kept;
}

/**
 * R5: why an explanation does not engage with the evidence, or null when it does: at least 12
 * words and 8 distinct words [INF], not counting IRCC's own example of an insufficient reason
 * ("I have reviewed the submissions, and I am not satisfied that section R205 is met", in any case
 * or spacing), which on its own never explains anything.
 */
export function explanationShortfall(text: string): string | null {
  const all = wordsOf(text);
  const words = withoutBoilerplate(all);
  const boilerplate = words.length < all.length ? " once IRCC's example of an insufficient reason is set aside" : '';
  if (words.length < POLICY.minimumExplanationWords) {
    return `${words.length} words${boilerplate}, fewer than ${POLICY.minimumExplanationWords}`;
  }
  const distinct = new Set(words).size;
  if (distinct < POLICY.minimumDistinctExplanationWords) {
    return `${distinct} distinct words${boilerplate}, fewer than ${POLICY.minimumDistinctExplanationWords}`;
  }
  return null;
}

/** R1, R5: an explanation is given (R1_EXPLANATION_REQUIRED) and engages with the evidence (R5_EXPLANATION_INSUFFICIENT). */
export function requireSufficientExplanation(text: unknown, what: string): string {
  if (typeof text !== 'string' || text.trim() === '')
    fail('R1_EXPLANATION_REQUIRED', `${what}: an explanation is required`);
  const shortfall = explanationShortfall(text);
  if (shortfall !== null)
    fail('R5_EXPLANATION_INSUFFICIENT', `${what}: the explanation does not engage with the evidence (${shortfall})`);
  return text;
}
