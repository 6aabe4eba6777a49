/**
 * The response a command request got, kept under its `Idempotency-Key` so that a retry with
 * the same key and body gets the same status and body back and appends nothing.
 */
export type IdempotencyRecord = Readonly<{
  /** The principal the key belongs to: keys of different callers never collide. */
  scope: string;
  key: string;
  /** SHA-256 of method, path and canonical body: the same key with another request is a 409. */
  requestHash: string;
  status: number;
  body: unknown;
  /** `JSON.stringify(body)`, when the caller has serialised it already (the store then does not again). */
  bodyJson?: string;
  headers: Readonly<Record<string, string>>;
  createdAt: string;
}>;

export interface IdempotencyStore {
  /**
   * The record kept for a scope and key, or null. A store that knows at once (SQLite, memory)
   * answers with the record itself, not a promise: every command request asks.
   */
  find(scope: string, key: string): IdempotencyRecord | null | Promise<IdempotencyRecord | null>;
  /** Keeps the first record saved for a scope and key; later saves of the same pair are ignored. */
  save(record: IdempotencyRecord): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
