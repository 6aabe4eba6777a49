import { hash } from 'node:crypto';

/** The RFC 9562 variant nibble (10xx) for each hex digit of the hash at that place: its two low bits kept. */
const VARIANT = '89ab89ab89ab89ab';

/**
 * A UUID (RFC 9562 version 8 layout) derived from a name: the same name always gives the same
 * id. Used for event ids (command id + index), so a retried append is recognised as the same.
 * Several per command, so the one-shot `crypto.hash`, straight to hex: the first 16 bytes of the
 * SHA-256, the version nibble set to 8 and the variant's two high bits to 10 (the same id as
 * setting those bits in the bytes, without a buffer; pinned in the spec).
 */
export function deterministicUuid(name: string): string {
  const hex = hash('sha256', name, 'hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${VARIANT[parseInt(hex[16], 16)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const eventIdFor = (commandId: string, index: number): string =>
  deterministicUuid(`event:${commandId}:${index}`);
