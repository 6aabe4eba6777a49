import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"x":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects built in different orders', () => {
    expect(canonicalJson({ x: 1, y: 'é' })).toBe(canonicalJson({ y: 'é', x: 1 }));
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

/** The first version, kept as the reference: the faster one must give exactly its text, or every stored hash would change. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError(`canonicalJson: non-finite number ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : referenceCanonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${referenceCanonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

describe('canonicalJson against the reference version', () => {
  it('gives exactly the same text for any JSON-like value, undefined members and odd keys included', () => {
    const member = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, member, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(
      fc.property(value, (generated) => {
        expect(canonicalJson(generated)).toBe(referenceCanonicalJson(generated));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts small and large objects alike, integer-like and non-ASCII keys included', () => {
    const keys = ['b', '10', '2', 'é', 'A', 'a', '\u{1F600}', '\uFF21', '_', ''];
    for (const count of [3, 24, 25, 60]) {
      const record = Object.fromEntries(
        Array.from({ length: count }, (_, index) => [
          `${keys[index % keys.length]}${Math.floor(index / keys.length) || ''}`,
          index,
        ]),
      );
      expect(canonicalJson(record)).toBe(referenceCanonicalJson(record));
    }
  });

  it('writes strings and numbers exactly as JSON.stringify does, escapes, surrogates and -0 included', () => {
    const tricky = fc.constantFrom(
      '"',
      '\\',
      '\u0000',
      '\u001f',
      '\u007f',
      '\ud800',
      '\udfff',
      '\u2028',
      'é',
      '\u{1F600}',
      '/',
    );
    const text = fc
      .array(fc.oneof(tricky, fc.string({ unit: 'binary' }), fc.string()), { maxLength: 6 })
      .map((parts) => parts.join(''));
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-0, 1e21, 5e-324, 2 ** 53),
    );
    fc.assert(
      fc.property(fc.oneof(text, number), fc.dictionary(text, fc.oneof(text, number)), (primitive, record) => {
        expect(canonicalJson(primitive)).toBe(JSON.stringify(primitive));
        expect(canonicalJson([primitive])).toBe(referenceCanonicalJson([primitive]));
        expect(canonicalJson(record)).toBe(referenceCanonicalJson(record));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes keys that need escaping', () => {
    expect(canonicalJson({ 'a"b': 1, 'é\n': [undefined] })).toBe('{"a\\"b":1,"é\\n":[null]}');
  });
});
