import type { Socket } from 'node:net';
import { MAX_URL_LENGTH } from '../input/input-limits';
import { answerClientError } from './client-errors';

/** A socket that records what is written to it. */
function fakeSocket(): Socket & { written: string } {
  const socket = {
    written: '',
    destroyed: false,
    writable: true,
    write: (text: string) => (socket.written += text),
    destroy: () => undefined,
  };
  return socket as unknown as Socket & { written: string };
}

const overflow = (rawPacket: string) =>
  Object.assign(new Error('Parse Error: Header overflow'), {
    code: 'HPE_HEADER_OVERFLOW',
    rawPacket: Buffer.from(rawPacket),
  });

describe('answerClientError', () => {
  it('answers a header overflow 431, and one whose request line is the long part 414, repeating neither', () => {
    const headers = fakeSocket();
    answerClientError(overflow(`GET /v1/intake/2024 HTTP/1.1\r\nX-Big: ${'b'.repeat(20_000)}`), headers);
    expect(headers.written).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    const url = fakeSocket();
    answerClientError(overflow(`GET /v1/applications?cursor=${'c'.repeat(MAX_URL_LENGTH)}`), url);
    expect(url.written).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n/);
    expect(url.written).toContain('"type":"urn:impplus:problem:uri-too-long"');
    expect(url.written).not.toContain('cccc');
  });

  it('answers a header overflow without the raw packet 431', () => {
    const socket = fakeSocket();
    answerClientError(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    expect(socket.written).toMatch(/^HTTP\/1\.1 431 /);
  });
});
