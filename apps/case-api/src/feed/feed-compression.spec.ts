import { crc32, createGunzip, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { acceptsGzip, crc32Combine, deflatedChunk, GzipMember } from './feed-compression';

describe('acceptsGzip: the Accept-Encoding header (RFC 9110 §12.5.3)', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['GZIP;q=0.5', true],
    ['x-gzip', true],
    ['*', true],
    ['br;q=1, gzip;q=0', false],
    ['*, gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['identity', false],
    ['', false],
    [undefined, false],
    [['br', 'gzip'], true],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe('crc32Combine: the CRC-32 of two byte strings joined, from theirs', () => {
  it('equals the CRC-32 of the concatenation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), (a, b) => {
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
      }),
    );
  });
});

describe('GzipMember: chunks deflated once, sent on any number of gzip streams', () => {
  const texts = ['', ': feed\n\n', 'id: 1\nevent: A\ndata: {"x":"é"}\n\n'.repeat(40), 'x'];
  const chunks = texts.map((text) => deflatedChunk(Buffer.from(text)));

  it('is a valid gzip member in any order and repetition of the chunks, its trailer checked by gunzip', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: chunks.length - 1 }), { maxLength: 12 }), (order) => {
        const member = new GzipMember();
        const bytes = Buffer.concat([
          member.header(),
          ...order.map((index) => member.add(chunks[index])),
          member.end(),
        ]);
        expect(gunzipSync(bytes).toString()).toBe(order.map((index) => texts[index]).join(''));
      }),
    );
  });

  it('inflates chunk by chunk as a streaming client reads it, before its end', async () => {
    const member = new GzipMember();
    const gunzip = createGunzip();
    const received: Buffer[] = [];
    gunzip.on('data', (data: Buffer) => received.push(data));
    gunzip.write(member.header());
    gunzip.write(member.add(chunks[2]));
    const deadline = Date.now() + 5_000;
    while (Buffer.concat(received).length < Buffer.byteLength(texts[2]) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Buffer.concat(received).toString()).toBe(texts[2]);
    const ended = new Promise((resolve) => gunzip.on('end', resolve));
    gunzip.end(member.end());
    await ended;
  });
});
