import {
  CORRECTED_APPLICANT_FIELDS,
  CORRECTION_VALUE_KEYS,
  IDENTITY_KEY,
  PERSONAL_DATA_FIELDS,
  REDACTED,
} from './personal-data-fields';

const SUFFIXES: readonly (readonly string[])[] = PERSONAL_DATA_FIELDS.map((field) => field.path.split('.'));
/** The last key of every classified path: a member under any other key is not classified. */
const LAST_KEYS: ReadonlySet<string> = new Set(SUFFIXES.map((suffix) => suffix[suffix.length - 1]));

/** Whether a field reached by `trail` (object keys from the root, array indexes left out) is classified personal. */
export function isPersonalPath(trail: readonly string[]): boolean {
  return SUFFIXES.some(
    (suffix) =>
      trail.length >= suffix.length &&
      suffix.every((key, index) => trail[trail.length - suffix.length + index] === key),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** H4: the applicant field a correction (`{ field, previous, value }`) corrects; null for any other record. */
function correctedFieldOf(record: Record<string, unknown>): string | null {
  const field = record.field;
  return typeof field === 'string' && (CORRECTED_APPLICANT_FIELDS as readonly string[]).includes(field) ? field : null;
}

const isCorrectionValue = (corrected: string | null, key: string): corrected is string =>
  corrected !== null && (CORRECTION_VALUE_KEYS as readonly string[]).includes(key);

/** H4: the path a member is classified by: `applicant.<field>` for a correction's `previous`/`value`. */
function pathOf(corrected: string | null, trail: readonly string[], key: string): readonly string[] {
  return isCorrectionValue(corrected, key) ? ['applicant', corrected] : [...trail, key];
}

/**
 * `isPersonalPath(pathOf(…))`, without building a path for the many members whose key ends no
 * classified path: the walks below build one only for a member they descend into.
 */
function isPersonalMember(corrected: string | null, trail: readonly string[], key: string): boolean {
  if (isCorrectionValue(corrected, key)) return isPersonalPath(['applicant', corrected]);
  return LAST_KEYS.has(key) && isPersonalPath([...trail, key]);
}

/** `copy[key] = value`, as data even for a `__proto__` key (which an assignment would take as the prototype). */
function setMember(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}

/** JSON-shaped data: what events, commands and bodies are made of. Class instances (requests, errors, buffers) are not walked. */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (!isRecord(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Deeper than any event or body the service accepts; what lies below is withheld whole. */
const MAX_REDACTION_DEPTH = 64;

/**
 * A copy of `value` with every classified field replaced by `[redacted]`, whatever its type, and the
 * number inside each C6 identity key (`passport:[redacted]`). `alsoMask` lists personal values
 * (`personalValuesIn` of the whole case) to mask wherever else a string quotes them, as screening
 * details do. Plain objects and arrays are copied; anything else is returned as it is. `value`
 * itself is not touched: stored events stay as they were hashed.
 */
export function redactPersonalData(value: unknown, alsoMask: readonly string[] = []): unknown {
  return redactAt(value, [], 0, maskable(alsoMask));
}

/** A log line's fields, redacted: the shape of pino's `formatters.log`, for every service's logger. */
export const redactLogEntry = (entry: Record<string, unknown>): Record<string, unknown> =>
  redactPersonalData(entry) as Record<string, unknown>;

function redactAt(value: unknown, trail: readonly string[], depth: number, alsoMask: readonly string[]): unknown {
  if (typeof value === 'string') {
    const key = IDENTITY_KEY.exec(value);
    return key ? `${key[1]}:${REDACTED}` : maskEach(value, alsoMask);
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (depth > MAX_REDACTION_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactAt(item, trail, depth + 1, alsoMask));
  const copy: Record<string, unknown> = {};
  const corrected = correctedFieldOf(value);
  for (const key of Object.keys(value)) {
    const member = value[key];
    // Below a string or a number no path is read: only a record is given its own.
    const redacted = isPersonalMember(corrected, trail, key)
      ? REDACTED
      : redactAt(member, isRecord(member) ? pathOf(corrected, trail, key) : trail, depth + 1, alsoMask);
    setMember(copy, key, redacted);
  }
  return copy;
}

/** Depth beyond which `personalValuesIn` stops: hostile bodies nest thousands deep, classified fields sit at most a few levels down. */
const MAX_DEPTH = 16;

/**
 * The text of every classified field in `value` (strings and numbers), and the number inside each
 * C6 identity key: what must not be echoed back in an error body or a log line. What is already
 * `[redacted]` is not a value, so redacting data twice (the API, then the audit CLI) changes nothing.
 */
export function personalValuesIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown, trail: readonly string[], depth: number): void => {
    if (typeof node === 'string') {
      const key = IDENTITY_KEY.exec(node);
      if (key && key[2] !== REDACTED) found.add(node).add(key[2].slice(key[2].lastIndexOf(':') + 1));
      return;
    }
    if (depth > MAX_DEPTH || !isRecord(node)) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, trail, depth + 1);
      return;
    }
    const corrected = correctedFieldOf(node);
    for (const key of Object.keys(node)) {
      const member = node[key];
      if (isPersonalMember(corrected, trail, key) && (typeof member === 'string' || typeof member === 'number')) {
        if (member !== REDACTED) found.add(String(member));
      } else visit(member, isRecord(member) ? pathOf(corrected, trail, key) : trail, depth + 1);
    }
  };
  visit(value, [], 0);
  return [...found];
}

/** Every personal value a case's events carry: masked wherever else one of its events quotes it (screening details, free text). */
export const personalValuesOfCase = (events: readonly Readonly<{ data: unknown }>[]): string[] =>
  personalValuesIn(events.map((event) => event.data));

/** Shorter values cannot single anyone out, and masking them would garble ordinary words. */
const MIN_MASKED_LENGTH = 3;

/** `text` with every occurrence of the given personal values replaced by `[redacted]`, longest first. */
export function maskPersonalValues(text: string, values: readonly string[]): string {
  return maskEach(text, maskable(values));
}

/** `maskPersonalValues` for many texts with the same values: the values are prepared (trimmed, sorted) once. */
export function personalValuesMasker(values: readonly string[]): (text: string) => string {
  const prepared = maskable(values);
  return (text) => maskEach(text, prepared);
}

/** The values worth masking, longest first so that a value containing another is masked whole; prepared once per redaction. */
const maskable = (values: readonly string[]): string[] =>
  values
    .map((value) => value.trim())
    .filter((value) => value.length >= MIN_MASKED_LENGTH)
    .sort((a, b) => b.length - a.length);

function maskEach(text: string, maskableValues: readonly string[]): string {
  let masked = text;
  for (const value of maskableValues) if (masked.includes(value)) masked = masked.split(value).join(REDACTED);
  return masked;
}
