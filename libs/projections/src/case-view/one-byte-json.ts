/** A character past U+00FF: V8 holds a string with any of them as two bytes a character. */
const WIDE = /[\u0100-\uffff]/g;
const HEX = '0123456789abcdef';
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
/** Where escaped texts are assembled (one thread, one at a time); a longer text gets a buffer of its own. */
const SCRATCH = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * JSON text that V8 can hold as one byte a character: each character past U+00FF (the en dash of
 * 'CSQ holders – A76', which most states carry) written as a `\uXXXX` escape, the same value once
 * parsed. A text with such a character is otherwise held as two bytes a character all along: twice
 * the memory and the copies between threads, a slower `JSON.parse`, and SQLite's binding encodes it
 * to UTF-8 character by character where it copies a one-byte text. Text without one is returned as
 * it is.
 */
export function oneByteJson(json: string): string {
  WIDE.lastIndex = 0;
  let wide = WIDE.exec(json);
  if (wide === null) return json;
  const scratch = json.length * 6 <= SCRATCH.length ? SCRATCH : Buffer.allocUnsafeSlow(json.length * 6);
  let length = 0;
  let from = 0;
  while (wide !== null) {
    const at = wide.index;
    if (at > from) length += scratch.write(json.slice(from, at), length, 'latin1');
    const code = json.charCodeAt(at);
    scratch[length++] = BACKSLASH;
    scratch[length++] = LETTER_U;
    for (let shift = 12; shift >= 0; shift -= 4) scratch[length++] = HEX.charCodeAt((code >> shift) & 0xf);
    from = at + 1;
    wide = WIDE.exec(json);
  }
  if (from < json.length) length += scratch.write(json.slice(from), length, 'latin1');
  return scratch.toString('latin1', 0, length);
}
