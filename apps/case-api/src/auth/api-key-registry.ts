import { hash } from 'node:crypto';
import type { Role } from '@app/kernel';
import type { ApiKeyEntry } from '../config/app-config';
import type { Principal } from './principal';

export const API_KEY_REGISTRY = Symbol('ApiKeyRegistry');

/**
 * Keys are kept only as SHA-256 digests and looked up by digest: comparing fixed-length digests
 * in a hash map does not leak how much of a guessed key matched, and the keys themselves are
 * never held in a form that could end up in a log.
 */
export class ApiKeyRegistry {
  private readonly principals = new Map<string, Principal>();

  constructor(entries: readonly ApiKeyEntry[]) {
    for (const entry of entries) {
      this.principals.set(digest(entry.key), { id: entry.principal, roles: entry.roles as Role[] });
    }
  }

  authenticate(key: string): Principal | null {
    return this.principals.get(digest(key)) ?? null;
  }

  /**
   * The principal of a request's `Authorization: Bearer <key>`, or null. Worked out once per request:
   * the rate limit (before authentication) and the authentication guard both ask.
   */
  principalOf(request: object & { headers: { authorization?: string } }): Principal | null {
    if (this.byRequest.has(request)) return this.byRequest.get(request) ?? null;
    const key = bearerKeyOf(request.headers.authorization);
    const principal = key ? this.authenticate(key) : null;
    this.byRequest.set(request, principal);
    return principal;
  }

  private readonly byRequest = new WeakMap<object, Principal | null>();
}

/** The key of an `Authorization: Bearer <key>` header, or null when the header has another shape. */
export const bearerKeyOf = (header: string | undefined): string | null =>
  /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null;

const digest = (key: string): string => hash('sha256', key, 'base64');
