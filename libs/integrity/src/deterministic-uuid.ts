import { hash } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8 layout) derived from a name: the same name always gives the same
 * id. Used for event ids (command id + index), so a retried append is recognised as the same.
 * Several per command, so the one-shot `crypto.hash` (no Hash object to build and collect).
 */
export function deterministicUuid(name: string): string {
  const bytes = hash('sha256', name, 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const eventIdFor = (commandId: string, index: number): string =>
  deterministicUuid(`event:${commandId}:${index}`);
