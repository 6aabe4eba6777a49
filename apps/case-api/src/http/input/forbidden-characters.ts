/**
 * Characters refused in every string of the input, free text included: C0 controls other than
 * tab, line feed and carriage return (NUL, ESC and the ANSI sequences it starts), DEL and the C1
 * controls, the Unicode bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069, "Trojan Source"), and unpaired surrogates, which no UTF-8 encoder can write.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what this expression is for
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** No line break or tab: free text (notes, reasons, explanations) may carry them, a single-line field (a name) may not. */
export const SINGLE_LINE = /^[^\t\n\r\u2028\u2029]*$/;

const codePoint = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is refused (naming the code point, never the text), or null when every character is allowed. */
export function forbiddenCharacterIn(text: string): string | null {
  const found = FORBIDDEN.exec(text);
  if (found === null) return null;
  return `must not contain control characters, bidirectional overrides or unpaired surrogates (found ${codePoint(found[0])})`;
}
