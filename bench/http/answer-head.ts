/** The end of an HTTP/1.1 answer's head: the blank line after its headers. */
const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding: *chunked/i;

/** An answer's head as the bench's raw-socket clients need it, and the body bytes read with it. */
export type ReadHead = Readonly<{
  status: number;
  /** The status line and headers, for error messages. */
  text: string;
  /** Null when the answer has no Content-Length. */
  contentLength: number | null;
  chunked: boolean;
  /** What followed the head in the bytes read so far: the start of the body. */
  body: Buffer;
}>;

/**
 * Reads the head of an HTTP/1.1 answer from a socket's chunks, however they cut it, for the
 * bench's clients that write raw requests on kept-open sockets (their reading must cost the
 * shared cores as little as possible: see latency-client.ts and feed-followers.ts).
 */
export class AnswerHead {
  private buffered: Buffer = Buffer.alloc(0);

  /** The head once its blank line has arrived (and the reader is ready for the next answer); null until then. */
  read(chunk: Buffer): ReadHead | null {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEAD_END);
    // Kept for the next chunk as a copy: a reader may hand over a buffer it reuses (`onread`).
    if (end < 0) return ((this.buffered = Buffer.from(this.buffered)), null);
    const text = this.buffered.toString('latin1', 0, end);
    const body = this.buffered.subarray(end + HEAD_END.length);
    this.buffered = Buffer.alloc(0);
    const length = CONTENT_LENGTH.exec(text);
    return {
      status: Number(text.slice(9, 12)),
      text,
      contentLength: length ? Number(length[1]) : null,
      chunked: CHUNKED.test(text),
      body,
    };
  }

  /** Forgets a head half read (its connection was given up). */
  reset(): void {
    this.buffered = Buffer.alloc(0);
  }
}

/**
 * Answers with a Content-Length read one after another from a kept-open connection's chunks: each
 * body piece goes to `onBody` as it arrives, and `add` gives the status once an answer is whole.
 */
export class LengthDelimitedAnswers {
  private readonly head = new AnswerHead();
  private status = 0;
  /** Body bytes still to come; -1 while the head of the answer is being read. */
  private remaining = -1;

  /** The status of the answer this chunk completes, or null; throws on an answer it cannot delimit. */
  add(chunk: Buffer, onBody: (piece: Buffer) => void = () => undefined): number | null {
    let body = chunk;
    if (this.remaining < 0) {
      const head = this.head.read(chunk);
      if (head === null) return null;
      if (head.contentLength === null) throw new Error(`An answer without Content-Length: ${head.text}`);
      this.status = head.status;
      this.remaining = head.contentLength;
      body = head.body;
    }
    if (body.length > this.remaining) throw new Error('An answer longer than its Content-Length');
    this.remaining -= body.length;
    if (body.length > 0) onBody(body);
    if (this.remaining > 0) return null;
    this.remaining = -1;
    return this.status;
  }

  /** Forgets an answer half read (its connection was given up). */
  reset(): void {
    this.head.reset();
    this.remaining = -1;
  }
}
