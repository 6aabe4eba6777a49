/** The filter's bits: 2^24 (2 MiB). With 7 hashes, ~0.1 % false positives at 1M keys, ~2 % at 2M. */
const FILTER_BITS = 1 << 24;
const HASHES = 7;

/**
 * A Bloom filter of strings: `mayHold` is false only for a string never added; a string added is
 * always held, and one not added is held by mistake with the odds above (it grows past them).
 */
export class BloomFilter {
  /** Its bits; given, those of a filter built elsewhere (a thread's `bits.buffer`). */
  constructor(readonly bits = new Uint32Array(FILTER_BITS / 32)) {
    if (bits.length !== FILTER_BITS / 32) throw new RangeError(`a Bloom filter has ${FILTER_BITS} bits`);
  }

  /** Adds every string another filter holds. */
  merge(other: BloomFilter): void {
    for (let i = 0; i < this.bits.length; i++) this.bits[i] |= other.bits[i];
  }

  add(text: string): void {
    const [first, step] = hashesOf(text);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & (FILTER_BITS - 1)) {
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  mayHold(text: string): boolean {
    const [first, step] = hashesOf(text);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & (FILTER_BITS - 1)) {
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two 32-bit hashes of the text (FNV-1a and djb2), for the bits by double hashing; the step is odd. */
function hashesOf(text: string): [first: number, step: number] {
  let fnv = 0x811c9dc5;
  let djb = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    djb = (Math.imul(djb, 33) + code) | 0;
  }
  return [(fnv >>> 0) & (FILTER_BITS - 1), (djb | 1) & (FILTER_BITS - 1)];
}
