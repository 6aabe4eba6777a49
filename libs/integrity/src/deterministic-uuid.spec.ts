import { hash, randomUUID } from 'node:crypto';
import { deterministicUuid, eventIdFor } from './deterministic-uuid';

/** The first version: the hash's first 16 bytes with the version and variant bits set in the bytes. */
function referenceUuid(name: string): string {
  const bytes = hash('sha256', name, 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('deterministicUuid', () => {
  it('is a well-formed UUID and the same for the same name', () => {
    const id = deterministicUuid('command:abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('command:abc')).toBe(id);
  });

  it('differs per command and per event index', () => {
    expect(eventIdFor('c1', 0)).not.toBe(eventIdFor('c1', 1));
    expect(eventIdFor('c1', 0)).not.toBe(eventIdFor('c2', 0));
  });
});

describe('deterministicUuid values', () => {
  it('stays the id every stored event and command already has (SHA-256 of the name, version 8 bits set)', () => {
    expect(deterministicUuid('command:abc')).toBe('6310cde1-1ab9-8397-afd0-c146b3c8dc3f');
    expect(eventIdFor('c1', 0)).toBe(deterministicUuid('event:c1:0'));
  });

  it('gives the id the first version gave for any name', () => {
    for (let index = 0; index < 2000; index++) {
      const name = `event:${randomUUID()}:${index % 5}`;
      expect(deterministicUuid(name)).toBe(referenceUuid(name));
    }
  });
});
