/**
 * Deterministic JSON: object keys sorted, no whitespace, `undefined` members dropped.
 * Two structurally equal values always give the same text, which is what hashing needs.
 *
 * Every event's hash goes through it (on append, on verification, when digests are signed), so
 * it builds one string with loops rather than arrays of pieces; the text is exactly what the
 * straightforward map-sort-join version gives (canonical-json.spec.ts checks both agree).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return primitiveJson(value);
  if (Array.isArray(value)) return arrayJson(value);
  return objectJson(value as Record<string, unknown>);
}

/**
 * What JSON.stringify escapes in a string: the quote, the backslash, control characters, and
 * surrogates (a lone one is written as a \\u escape; a string with a pair goes the slow way too).
 */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Strings are most of an event's members, and most need no escaping: quoted as they are, without a
 * JSON.stringify call; a finite number's JSON is its `String` (the same Number::toString).
 */
function primitiveJson(value: unknown): string {
  if (typeof value === 'string') return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint is not JSON');
  return JSON.stringify(value) ?? 'null';
}

function arrayJson(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) text += ',';
    const item = items[index];
    text += item === undefined ? 'null' : canonicalJson(item);
  }
  return `${text}]`;
}

function objectJson(record: Record<string, unknown>): string {
  const keys = sortedKeys(record);
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += memberPrefix(key) + canonicalJson(member);
  }
  return `${text}}`;
}

/** Above this many keys, `Array.prototype.sort`; below, an insertion sort in place. */
const MAX_KEYS_SORTED_IN_PLACE = 24;

/**
 * The record's own keys in the order `.sort()` gives (UTF-16 code units, as `<` compares strings).
 * Most objects have a handful of keys, and for those `.sort()` allocated work space at every call:
 * a quarter of everything an append allocated.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > MAX_KEYS_SORTED_IN_PLACE) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index];
    let before = index - 1;
    while (before >= 0 && keys[before] > key) {
      keys[before + 1] = keys[before];
      before--;
    }
    keys[before + 1] = key;
  }
  return keys;
}

/** Events use a few hundred distinct keys; writing `"key":` once for each saves a JSON.stringify and a string per member. */
const memberPrefixes = new Map<string, string>();
const MAX_MEMBER_PREFIXES = 10_000;

function memberPrefix(key: string): string {
  let prefix = memberPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (memberPrefixes.size < MAX_MEMBER_PREFIXES) memberPrefixes.set(key, prefix);
  }
  return prefix;
}
