import fc from 'fast-check';
import { AnswerHead, LengthDelimitedAnswers, type ReadHead } from '../bench/http/answer-head';
import { BodyEnds, ChunkedBody, pageItems } from '../bench/http/feed-followers';

/** The bench's feed followers read their cursors and counts from the bytes as they arrive: they are the figure's evidence. */
describe('the bench feed followers read the bytes they are sent', () => {
  const frames = (positions: readonly number[]) =>
    positions
      .map((position) => `\nid: ${position}\nevent: ApplicationReceived\ndata: {"position":${position}}\n`)
      .join('');

  /** Cuts `bytes` at the given offsets (sorted, deduplicated) into the pieces a socket may deliver. */
  const cut = (bytes: Buffer, offsets: readonly number[]) => {
    const at = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
    return [0, ...at].map((start, index) => bytes.subarray(start, [...at, bytes.length][index]));
  };

  /** HTTP/1.1 chunked framing of `body` in chunks of the given sizes (then the rest, then the last chunk). */
  const chunked = (body: Buffer, sizes: readonly number[]) => {
    const parts: Buffer[] = [];
    let at = 0;
    for (const size of [...sizes, body.length]) {
      const piece = body.subarray(at, Math.min(body.length, at + size));
      at += piece.length;
      if (piece.length > 0) parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
      if (at === body.length) break;
    }
    parts.push(Buffer.from('0\r\n\r\n'));
    return Buffer.concat(parts);
  };

  it("counts a page's items from its first position to its nextAfter, however the bytes are cut", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000), fc.array(fc.nat(), { maxLength: 30 }), (after, count, offsets) => {
        const positions = Array.from({ length: count }, (_, index) => after + 1 + index);
        const items = positions.map((position) => `{"position":${position},"type":"ApplicationReceived","data":{}}`);
        const page = Buffer.from(`{"events":[${items.join(',')}],"nextAfter":${positions.at(-1) ?? after}}`);
        const ends = new BodyEnds();
        for (const piece of cut(page, offsets)) ends.add(piece);
        expect(pageItems(ends)).toEqual({ items: count, nextAfter: positions.at(-1) ?? after });
        expect(ends.tail.toString('latin1')).toBe(page.subarray(-48).toString('latin1'));
      }),
    );
  });

  it('takes no page from a body that does not end as one', () => {
    const ends = new BodyEnds();
    ends.add(Buffer.from('{"type":"about:blank","status":503}'));
    expect(pageItems(ends)).toBeNull();
  });

  it('gives back exactly the body of a chunked answer, however its chunks and reads are cut, and sees its end', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(10_000), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (positions, sizes, offsets) => {
          const body = Buffer.from(frames(positions));
          const received: Buffer[] = [];
          const reader = new ChunkedBody((data) => received.push(Buffer.from(data)));
          for (const piece of cut(chunked(body, sizes), offsets)) reader.add(piece);
          expect(Buffer.concat(received).equals(body)).toBe(true);
          expect(reader.ended).toBe(true);
        },
      ),
    );
  });

  it('reads an answer head however its chunks cut it, and hands on the body bytes read with it', () => {
    fc.assert(
      fc.property(fc.nat(999_999), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (length, chunked, offsets) => {
        const head = `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;
        const bytes = Buffer.from(`${head}{"events":[`);
        const reader = new AnswerHead();
        let read: ReadHead | null = null;
        const after: Buffer[] = [];
        for (const piece of cut(bytes, offsets)) {
          if (read === null) read = reader.read(piece);
          else after.push(piece);
        }
        if (read === null) throw new Error('the head was never read');
        expect(read).toMatchObject({ status: 200, contentLength: chunked ? null : length, chunked });
        expect(Buffer.concat([read.body, ...after]).toString()).toBe('{"events":[');
      }),
    );
  });

  it('delimits the answers of one connection, each sent after the last, by their Content-Length however they are cut', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom(200, 404, 503),
            body: fc.string({ maxLength: 300 }),
            offsets: fc.array(fc.nat(), { maxLength: 8 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (answers) => {
          const reader = new LengthDelimitedAnswers();
          for (const { status, body, offsets } of answers) {
            const length = Buffer.byteLength(body);
            const bytes = Buffer.from(`HTTP/1.1 ${status} X\r\nContent-Length: ${length}\r\n\r\n${body}`);
            const pieces = cut(bytes, offsets).filter((piece) => piece.length > 0);
            const received: Buffer[] = [];
            const statuses = pieces.map((piece) => reader.add(piece, (data) => received.push(Buffer.from(data))));
            expect(statuses.at(-1)).toBe(status);
            expect(statuses.slice(0, -1).every((read) => read === null)).toBe(true);
            expect(Buffer.concat(received).toString()).toBe(body);
          }
        },
      ),
    );
  });

  it('delimits the answers however they are cut when each piece comes in one buffer that the reader reuses (onread)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ body: fc.string({ maxLength: 300 }), offsets: fc.array(fc.nat(), { maxLength: 8 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (answers) => {
          const reader = new LengthDelimitedAnswers();
          const reused = Buffer.alloc(4096);
          for (const { body, offsets } of answers) {
            const bytes = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
            const received: Buffer[] = [];
            let status: number | null = null;
            for (const piece of cut(bytes, offsets).filter((part) => part.length > 0)) {
              piece.copy(reused);
              status = reader.add(reused.subarray(0, piece.length), (data) => received.push(Buffer.from(data)));
              reused.fill(0x7e); // the next read overwrites what the reader did not copy
            }
            expect(status).toBe(200);
            expect(Buffer.concat(received).toString()).toBe(body);
          }
        },
      ),
    );
  });

  it('refuses an answer without Content-Length, or longer than it', () => {
    expect(() => new LengthDelimitedAnswers().add(Buffer.from('HTTP/1.1 200 OK\r\n\r\n{}'))).toThrow(
      'An answer without Content-Length',
    );
    expect(() =>
      new LengthDelimitedAnswers().add(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n{}')),
    ).toThrow('An answer longer than its Content-Length');
  });

  it('refuses a chunk size that is not hexadecimal', () => {
    const reader = new ChunkedBody(() => undefined);
    expect(() => reader.add(Buffer.from('zz\r\n'))).toThrow('A chunk size that is not one: zz');
  });
});
