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
    if (end < 0) return null;
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
