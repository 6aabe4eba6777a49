import fc from 'fast-check';
import { asStored } from './as-stored';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('asStored: the stored form of what is decided', () => {
  it('drops undefined members, writes undefined items as null and -0 as 0', () => {
    expect(asStored({ a: undefined, c: { d: 1 } })).toStrictEqual({ c: { d: 1 } });
    expect(asStored({ b: [undefined, 1] })).toStrictEqual({ b: [null, 1] });
    expect(Object.is(asStored({ zero: -0 }).zero, 0)).toBe(true);
  });

  it('keeps a member named __proto__ as a member, as JSON.parse does', () => {
    const stored = asStored(JSON.parse('{"__proto__": {"x": 1}}') as object);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.keys(stored)).toEqual(['__proto__']);
  });

  it('turns what JSON turns into something else exactly as JSON does', () => {
    const odd = [
      { when: new Date('2024-05-02T14:03:00Z') },
      { notANumber: Number.NaN },
      { skipped: () => 1 },
      [() => 1, Symbol('s'), Number.POSITIVE_INFINITY],
      { custom: { toJSON: () => 'custom' } },
      Object.assign(Object.create(null) as object, { b: 1, a: [2] }),
    ];
    for (const value of odd) expect(asStored(value)).toStrictEqual(roundTrip(value));
  });

  it('refuses what JSON refuses', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => asStored(cyclic)).toThrow(TypeError);
    expect(() => asStored({ big: BigInt(1) })).toThrow(TypeError);
  });

  it('property: gives exactly the JSON round trip, key order included, and never the same objects', () => {
    const values = fc.anything({
      withNullPrototype: true,
      withDate: true,
      withBoxedValues: true,
      withSparseArray: true,
      withObjectString: true,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(values, (value) => {
        fc.pre(value !== undefined && typeof value !== 'symbol' && typeof value !== 'bigint');
        let expected: unknown;
        try {
          expected = roundTrip(value);
        } catch {
          return;
        }
        const stored = asStored(value);
        expect(stored).toStrictEqual(expected);
        expect(JSON.stringify(stored)).toBe(JSON.stringify(expected));
        if (value !== null && typeof value === 'object') expect(stored).not.toBe(value);
      }),
      { numRuns: 3000 },
    );
  });
});
