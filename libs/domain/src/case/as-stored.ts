/** The stored (JSON round-tripped) form of a value: no `undefined` members, so replay sees exactly what was decided. */
export const asStored = <T>(value: T): T => {
  const copy = plainCopy(value, 0);
  return (copy === NOT_PLAIN ? JSON.parse(JSON.stringify(value)) : copy) as T;
};

/** What `plainCopy` answers for a value it leaves to the JSON round trip. */
const NOT_PLAIN = Symbol('not plain JSON data');

/** Deeper than any command: a cycle ends here, and the round trip then reports it as JSON does. */
const MAX_DEPTH = 200;

/**
 * `JSON.parse(JSON.stringify(value))` for plain data, without writing and reading the text: a
 * receipt copies a whole submission, and the text round trip was a twentieth of its CPU. Anything
 * the JSON rules treat specially (a `toJSON`, a Date or other class instance, a non-finite number,
 * a bigint, a function or symbol in an array) gives NOT_PLAIN, and the caller round-trips it.
 */
function plainCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : NOT_PLAIN;
    case 'object':
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return NOT_PLAIN;
      return Array.isArray(value) ? arrayCopy(value, depth) : objectCopy(value as Record<string, unknown>, depth);
    default:
      return NOT_PLAIN;
  }
}

function arrayCopy(items: readonly unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(items) !== Array.prototype || 'toJSON' in items) return NOT_PLAIN;
  const copy: unknown[] = new Array<unknown>(items.length);
  for (let index = 0; index < items.length; index++) {
    const item = plainCopy(items[index], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    copy[index] = item;
  }
  return copy;
}

function objectCopy(record: Record<string, unknown>, depth: number): unknown {
  const prototype: unknown = Object.getPrototypeOf(record);
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in record) return NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === '__proto__') return NOT_PLAIN;
    const member = record[key];
    if (member === undefined) continue;
    const copied = plainCopy(member, depth + 1);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = copied;
  }
  return copy;
}
