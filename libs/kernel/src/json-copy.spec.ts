import fc from 'fast-check';
import { jsonCopy } from './json-copy';

const viaText = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

class Address {
  line = '1 Main St';
  unit?: string = undefined;
  describe(): string {
    return this.line;
  }
}

describe('jsonCopy: what JSON.parse(JSON.stringify(value)) gives, without the text', () => {
  it('turns class instances into plain objects and drops undefined, functions and symbols from objects', () => {
    const value = { address: new Address(), f: () => 1, s: Symbol('s'), u: undefined, n: null, list: [new Address()] };
    const copy = jsonCopy(value);
    expect(copy).toStrictEqual(viaText(value));
    expect(Object.getPrototypeOf((copy as { address: object }).address)).toBe(Object.prototype);
    expect(Object.keys(copy as object)).toEqual(['address', 'n', 'list']);
  });

  it('writes null in arrays for undefined, functions, symbols, holes and non-finite numbers, and 0 for -0', () => {
    // eslint-disable-next-line no-sparse-arrays
    const value = [undefined, () => 1, Symbol('s'), , Number.NaN, -Infinity, -0, 1.5];
    expect(jsonCopy(value)).toStrictEqual(viaText(value));
    expect(Object.is((jsonCopy([-0]) as number[])[0], 0)).toBe(true);
  });

  it("calls toJSON with the member's key (a Date becomes its ISO text) and unwraps boxed primitives", () => {
    const keys: string[] = [];
    const value = {
      at: new Date('2025-02-10T15:00:00Z'),
      custom: { toJSON: (key: string) => (keys.push(key), { key }) },
      list: [{ toJSON: (key: string) => (keys.push(key), key) }],
      boxed: [new Number(2), new String('x'), new Boolean(false)],
    };
    expect(jsonCopy(value)).toStrictEqual(viaText(value));
    expect(keys).toEqual(['custom', '0', 'custom', '0']);
  });

  it('keeps a "__proto__" key as an own member, as JSON.parse does, without touching the prototype', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown;
    const copy = jsonCopy(value) as Record<string, unknown>;
    expect(copy).toStrictEqual(viaText(value));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
  });

  it('refuses what JSON.stringify refuses or cannot write at the top', () => {
    expect(() => jsonCopy({ big: 1n })).toThrow(TypeError);
    expect(() => jsonCopy(undefined)).toThrow(SyntaxError);
  });

  it('agrees with the JSON round trip on any JSON-like value, undefined members and odd keys included', () => {
    const leaf = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.date({ noInvalidDate: true }),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '10', 'a')), tie('value'), {
        maxKeys: 5,
      }),
    }));
    fc.assert(
      fc.property(
        value.filter((v) => v !== undefined),
        (v) => {
          expect(jsonCopy(v)).toStrictEqual(viaText(v));
          expect(JSON.stringify(jsonCopy(v))).toBe(JSON.stringify(v));
        },
      ),
      { numRuns: 500 },
    );
  });
});
