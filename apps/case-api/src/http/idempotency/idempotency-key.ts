import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '@app/kernel';
import { RequestValidationError } from '../problem/problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** The request's Idempotency-Key, or null; a key that is empty or too long is a 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw.join(',') : raw;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[^\x21-\x7e]/.test(key)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters` },
    ]);
  }
  return key;
}

/** What "the same request" means for a key: same method, same path, same body (key order aside). */
export function requestHash(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return hash('sha256', `${request.method} ${path}\n${canonicalJson(request.body ?? null)}`, 'hex');
}
