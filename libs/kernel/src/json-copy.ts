type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A plain copy of a value exactly as `JSON.parse(JSON.stringify(value))` gives it (class
 * instances become plain objects, `toJSON` is called, `undefined`, functions and symbols are
 * dropped from objects and become null in arrays, non-finite numbers become null), without
 * writing and parsing the text: a validated request body is copied this way on every command.
 * Like `JSON.stringify`, it throws on a bigint; the value must be acyclic (a parsed body is).
 */
export function jsonCopy(value: unknown): JsonValue {
  const copied = member(value, '');
  if (copied === undefined) throw new SyntaxError(`jsonCopy: ${typeof value} is not JSON`);
  return copied;
}

function member(input: unknown, key: string): JsonValue | undefined {
  let value = input;
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, key);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'bigint':
      throw new TypeError('jsonCopy: a bigint is not JSON');
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return arrayCopy(value);
      if (value instanceof Number || value instanceof String || value instanceof Boolean) {
        return member(value.valueOf(), key);
      }
      return objectCopy(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function arrayCopy(items: readonly unknown[]): JsonValue[] {
  const copy: JsonValue[] = [];
  for (let index = 0; index < items.length; index++) copy.push(member(items[index], String(index)) ?? null);
  return copy;
}

function objectCopy(record: Record<string, unknown>): { [key: string]: JsonValue } {
  const copy: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(record)) {
    const value = member(record[key], key);
    if (value === undefined) continue;
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    else copy[key] = value;
  }
  return copy;
}
