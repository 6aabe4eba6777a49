import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { MAX_URL_LENGTH } from '../input/input-limits';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem';

const SOCKET_PROBLEMS: Record<string, Readonly<{ status: number; slug: string; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    slug: 'client-timeout',
    detail:
      'The request was not received in time (HTTP_HEADERS_TIMEOUT_MS, HTTP_RECEIVE_TIMEOUT_MS); the connection is closed',
  },
  HPE_HEADER_OVERFLOW: { status: 431, slug: 'header-overflow', detail: 'The request headers are too large' },
};
const MALFORMED = { status: 400, slug: 'malformed-request', detail: 'The request is not valid HTTP' };
const URI_TOO_LONG = {
  status: 414,
  slug: 'uri-too-long',
  detail: `The request URL is longer than ${MAX_URL_LENGTH} characters`,
};

/** Node counts the request line with the headers: an overflow whose first line is the long part is a URL too long. */
function overflowsInRequestLine(error: Error & { rawPacket?: unknown }): boolean {
  if (!Buffer.isBuffer(error.rawPacket)) return false;
  const end = error.rawPacket.indexOf('\r\n');
  return (end === -1 ? error.rawPacket.length : end) > MAX_URL_LENGTH;
}

/**
 * Fastify's `clientErrorHandler`: a request that never became one (too slow, headers too large,
 * not HTTP) is answered in the same problem format as every other error, then the socket closes.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const longUrl = error.code === 'HPE_HEADER_OVERFLOW' && overflowsInRequestLine(error);
  const { status, slug, detail } = longUrl ? URI_TOO_LONG : (SOCKET_PROBLEMS[error.code ?? ''] ?? MALFORMED);
  const title = STATUS_CODES[status] ?? 'Client Error';
  const body = JSON.stringify({ type: problemType(slug), title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
