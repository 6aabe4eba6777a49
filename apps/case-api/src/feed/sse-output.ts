import type { ServerResponse } from 'node:http';
import { deflatedChunk, GzipMember, type DeflatedChunk } from './feed-compression';

/**
 * Where a Server-Sent Events stream's bytes go: to the socket as they are, or as one gzip member
 * (`Content-Encoding: gzip`) in which bytes shared by every stream at a cursor are compressed once
 * for all of them. `write` returns false when the socket wants a drain, as `ServerResponse.write`.
 */
export type SseOutput = Readonly<{
  /** Bytes that this stream alone sends. */
  write(bytes: Buffer): boolean;
  /** Bytes that other streams send too, the same Buffer: with gzip, compressed once. */
  writeShared(bytes: Buffer): boolean;
  end(): void;
}>;

export function sseOutput(raw: ServerResponse, gzip: boolean): SseOutput {
  if (!gzip)
    return {
      write: (bytes) => raw.write(bytes),
      writeShared: (bytes) => raw.write(bytes),
      end: () => raw.end(),
    };
  const member = new GzipMember();
  raw.write(member.header());
  return {
    write: (bytes) => raw.write(member.add(deflatedChunk(bytes))),
    writeShared: (bytes) => raw.write(member.add(sharedChunk(bytes))),
    end: () => raw.end(member.end()),
  };
}

/** Shared bytes compressed once, for as long as they are held (a batch of the shared tail, a heartbeat). */
const sharedChunks = new WeakMap<Buffer, DeflatedChunk>();

function sharedChunk(bytes: Buffer): DeflatedChunk {
  let chunk = sharedChunks.get(bytes);
  if (!chunk) sharedChunks.set(bytes, (chunk = deflatedChunk(bytes)));
  return chunk;
}
