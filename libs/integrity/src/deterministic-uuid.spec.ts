import { deterministicUuid, eventIdFor } from './deterministic-uuid';

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
});
