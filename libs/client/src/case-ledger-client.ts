import { randomUUID } from 'node:crypto';
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './generated/case-ledger';

/** Every path and operation of the API, typed from docs/openapi.json. */
export type CaseLedgerPaths = paths;
/** The API's named schemas (`ApplicationViewDto`, `FeedPageDto`, `ProblemDto`…). */
export type CaseLedgerSchemas = components['schemas'];
/** A typed client: `client.GET('/v1/applications/{id}', { params: { path: { id } } })`, answers typed per status. */
export type CaseLedgerClient = Client<paths>;

export type CaseLedgerClientOptions = Readonly<{
  /** Where the API listens, e.g. `http://127.0.0.1:3000` (no trailing path). */
  baseUrl: string;
  /** The integration's API key: sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
  /** Another fetch (a proxy, a test double); the global fetch by default. */
  fetch?: ClientOptions['fetch'];
}>;

/** An openapi-fetch client for the IMP+ Case Ledger API that authenticates every request with `apiKey`. */
export function createCaseLedgerClient({ baseUrl, apiKey, fetch }: CaseLedgerClientOptions): CaseLedgerClient {
  if (apiKey.trim() === '')
    throw new Error('createCaseLedgerClient: apiKey is empty (the API answers 401 without one)');
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${apiKey}` },
    ...(fetch ? { fetch } : {}),
  });
}

/** A fresh Idempotency-Key: keep it with the command so that a retry after a lost answer sends the same one. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/**
 * Request headers that make a POST safe to retry: the same key with the same body answers the
 * original status and body and appends nothing; the same key with another body is 409
 * `idempotency-key-reused`. Spread into the options: `client.POST(path, { body, headers: idempotent(key) })`.
 */
export function idempotent(key: string = newIdempotencyKey()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}

/** `If-Match` for a command that must apply only to the revision read (the view's `revision`, its `ETag`): 412 if stale. */
export function ifMatch(revision: number): { 'If-Match': string } {
  return { 'If-Match': `"${revision}"` };
}
