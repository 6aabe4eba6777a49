import fc from 'fast-check';
import { BloomFilter } from './bloom-filter';

describe('BloomFilter', () => {
  it('holds every string added to it, or to a filter merged into it', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 60 }), { maxLength: 200 }),
        fc.nat(200),
        (texts, cut) => {
          const filter = new BloomFilter();
          const other = new BloomFilter();
          texts.forEach((text, index) => (index < cut ? filter : other).add(text));
          filter.merge(other);
          expect(texts.filter((text) => !filter.mayHold(text))).toEqual([]);
        },
      ),
    );
  });

  it('holds a string never added by mistake in fewer than 1 in 1,000 cases at 100,000 strings', () => {
    const filter = new BloomFilter();
    for (let i = 0; i < 100_000; i++) filter.add(`application-${i}-added`);
    let mistaken = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mayHold(`application-${i}-not-added`)) mistaken++;
    expect(mistaken).toBeLessThan(100);
  });

  it('takes the bits of a filter built elsewhere, of its own size only', () => {
    const built = new BloomFilter();
    built.add('stream-a');
    expect(new BloomFilter(new Uint32Array(built.bits.buffer.slice(0))).mayHold('stream-a')).toBe(true);
    expect(() => new BloomFilter(new Uint32Array(16))).toThrow(RangeError);
  });
});
