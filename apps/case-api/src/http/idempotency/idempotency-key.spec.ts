import type { FastifyRequest } from 'fastify';
import { requestHash } from './idempotency-key';

const request = (url: string, body: unknown) => ({ method: 'POST', url, body }) as unknown as FastifyRequest;

describe('requestHash: what "the same request" means for an Idempotency-Key', () => {
  it('stays the hash stored records hold: SHA-256 (hex) of method, path and canonical body', () => {
    expect(requestHash(request('/v1/applications', { a: 'é', b: [1, null] }))).toBe(
      'a0d3d836c442c7604f43beda6fa9f2562d9fcedb29fa3571bb3e4e343480865a',
    );
  });

  it('ignores key order and the query string, and tells another body or path apart', () => {
    const hash = requestHash(request('/v1/applications?x=1', { b: [1, null], a: 'é' }));
    expect(hash).toBe(requestHash(request('/v1/applications', { a: 'é', b: [1, null] })));
    expect(requestHash(request('/v1/applications', { a: 'e', b: [1, null] }))).not.toBe(hash);
    expect(requestHash(request('/v1/applications/x/notes', { a: 'é', b: [1, null] }))).not.toBe(hash);
  });
});
