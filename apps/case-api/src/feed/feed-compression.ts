import { promisify } from 'node:util';
import { constants, crc32, deflateRawSync, gzip, gzipSync } from 'node:zlib';

/**
 * The change feed answers gzip to a client that accepts it (an integration's HTTP client does so
 * unasked: fetch, curl --compressed, browsers): its items are JSON that gzip shrank 14 times for a
 * page of 10, 33 times for one of 1,000 (the bench's submissions, docs/performance.md), and
 * 100 followers of the log took ~140 MB/s of loopback copies from the service's event loop when
 * sent as they are. Compression is cheap next to that, as it is done once for every reader of the
 * same bytes: once per shared page for the long polls, once per shared batch of frames for the
 * Server-Sent Event streams.
 */

/** Level 1: most of the size gain at a fraction of the CPU of the default level. */
const LEVEL = 1;
/** Below this, a body goes as it is: gzip's own 20 bytes and the CPU are not worth it. */
export const GZIP_MIN_BYTES = 1024;
export const CONTENT_ENCODING = 'content-encoding';
export const VARY = 'vary';

/**
 * Whether an Accept-Encoding header accepts gzip (RFC 9110 §12.5.3): `gzip` (or `x-gzip`) with a
 * weight above 0, or `*` above 0 when gzip is not named with weight 0.
 */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  const text = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  let named: boolean | undefined;
  let any = false;
  for (const entry of text.split(',')) {
    const [coding, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const weight = parameters.find((parameter) => parameter.startsWith('q='));
    const accepted = weight === undefined || Number(weight.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') named = (named ?? false) || accepted;
    else if (coding === '*') any = accepted;
  }
  return named ?? any;
}

const gzipAsync = promisify(gzip);

/** A body gzipped on libuv's thread pool, off the event loop (a page read for one poll alone). */
export function gzipOffLoop(body: Buffer): Promise<Buffer> {
  return gzipAsync(body, { level: LEVEL });
}

/** A body gzipped at once (a page shared by every poll at its cursor: compressed once for all). */
export function gzipNow(body: Buffer): Buffer {
  return gzipSync(body, { level: LEVEL });
}

/**
 * Bytes compressed once and sent on any number of gzip streams: raw deflate blocks that refer to
 * nothing before them and end on a byte boundary (a sync flush, not final), so they continue any
 * deflate stream that has just been flushed the same way; with their CRC-32 and length, each
 * stream's trailer is combined from them without reading the bytes again (pigz does the same).
 */
export type DeflatedChunk = Readonly<{ deflated: Buffer; crc: number; length: number }>;

export function deflatedChunk(bytes: Buffer): DeflatedChunk {
  return {
    deflated: deflateRawSync(bytes, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH }),
    crc: crc32(bytes),
    length: bytes.length,
  };
}

/** gzip's member header (RFC 1952): deflate, no name, no time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** A final, empty fixed-Huffman block: what deflate writes on finishing right after a flush. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** One gzip member built from deflated chunks: its header, then the chunks, then `end()`'s trailer. */
export class GzipMember {
  private crc = 0;
  private length = 0;

  /** The member's first bytes. */
  header(): Buffer {
    return GZIP_HEADER;
  }

  /** The chunk's bytes to send next; the member's check values now cover it. */
  add(chunk: DeflatedChunk): Buffer {
    this.crc = crc32Combine(this.crc, chunk.crc, chunk.length);
    this.length = (this.length + chunk.length) % 2 ** 32;
    return chunk.deflated;
  }

  /** The last bytes: the final block and the trailer (CRC-32 and length modulo 2^32, little-endian). */
  end(): Buffer {
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc, 0);
    trailer.writeUInt32LE(this.length, 4);
    return Buffer.concat([FINAL_BLOCK, trailer]);
  }
}

/** CRC-32's reflected polynomial. */
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial, as zlib's `multmodp`. */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if ((a & m) !== 0) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0…31, as zlib's `x2n_table`. */
const X2N: readonly number[] = (() => {
  const table = [0x40000000];
  for (let n = 1; n < 32; n++) table.push(multiplyModP(table[n - 1], table[n - 1]));
  return table;
})();

/** x^(8 × bytes) modulo the polynomial, as zlib's `x2nmodp(bytes, 3)`. */
function shiftOf(bytes: number): number {
  let product = 0x80000000;
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) product = multiplyModP(X2N[k & 31], product);
  }
  return product;
}

/** The CRC-32 of A followed by B from CRC(A), CRC(B) and B's length, as zlib's `crc32_combine`. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftOf(lengthB), crcA) ^ crcB) >>> 0;
}
