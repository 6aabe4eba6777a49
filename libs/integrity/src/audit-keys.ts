import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A secret for signing digests, named so that a digest says which key signed it. */
export type AuditKey = Readonly<{ id: string; secret: Buffer }>;

/** `AUDIT_HMAC_KEYS` or the development key file that could not be used. */
export class AuditKeyError extends Error {
  override readonly name = 'AuditKeyError';
}

/** The development key file in `DATA_DIR`, in the `AUDIT_HMAC_KEYS` format. */
export const AUDIT_KEYS_FILE = 'audit-hmac-keys.json';
const MIN_SECRET_BYTES = 32;

/**
 * The HMAC-SHA256 keys of the signed digests, kept outside the event store. The first key signs;
 * every listed key verifies, so a key is rotated by putting a new one first and keeping the old
 * ones for as long as digests they signed must be checked.
 */
export class AuditKeyring {
  constructor(private readonly keys: readonly AuditKey[]) {
    if (keys.length === 0) throw new AuditKeyError('at least one audit key is needed');
  }

  get signingKeyId(): string {
    return this.keys[0].id;
  }

  sign(text: string): Readonly<{ keyId: string; mac: string }> {
    return { keyId: this.signingKeyId, mac: hmac(this.keys[0].secret, text) };
  }

  /**
   * The keys themselves, secrets included: only for handing this keyring to a worker thread of the
   * same process (a thread does not share the parent's objects), never for logging or answering.
   */
  keysForThread(): readonly AuditKey[] {
    return this.keys;
  }

  /** False for an unknown key id as for a wrong MAC. */
  verify(keyId: string, text: string, mac: string): boolean {
    const key = this.keys.find((each) => each.id === keyId);
    if (!key || !/^[0-9a-f]{64}$/.test(mac)) return false;
    return timingSafeEqual(Buffer.from(hmac(key.secret, text), 'hex'), Buffer.from(mac, 'hex'));
  }
}

const hmac = (secret: Buffer, text: string): string => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

/** Parses `[{ "id": "2025-01", "key": "<base64 of at least 32 random bytes>" }, …]`. */
export function parseAuditKeys(raw: string, source = 'AUDIT_HMAC_KEYS'): AuditKeyring {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AuditKeyError(`${source} is not valid JSON: expected [{ "id": "…", "key": "<base64>" }]`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new AuditKeyError(`${source} must be a non-empty JSON array`);
  const keys = parsed.map((entry, index) => auditKey(entry, `${source}[${index}]`));
  if (new Set(keys.map((key) => key.id)).size !== keys.length)
    throw new AuditKeyError(`${source} names a key id twice`);
  return new AuditKeyring(keys);
}

function auditKey(entry: unknown, where: string): AuditKey {
  const { id, key } = (entry ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id))
    throw new AuditKeyError(`${where}.id must be 1–64 letters, digits, dots, dashes or underscores`);
  const secret = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.alloc(0);
  if (secret.length < MIN_SECRET_BYTES)
    throw new AuditKeyError(`${where}.key must be base64 of at least ${MIN_SECRET_BYTES} bytes`);
  return { id, secret };
}

/** Embedded development mode only: a key generated once into `DATA_DIR` (mode 0600), like the development API keys. */
export function loadOrCreateDevelopmentAuditKeys(dataDir: string): { file: string; keyring: AuditKeyring } {
  const file = join(dataDir, AUDIT_KEYS_FILE);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) {
    const keys = [
      { id: `dev-${new Date().toISOString().slice(0, 10)}`, key: randomBytes(MIN_SECRET_BYTES).toString('base64') },
    ];
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { file, keyring: parseAuditKeys(readFileSync(file, 'utf8'), file) };
}

/** The development key of a data directory, if there is one (the verifier never creates keys). */
export function readDevelopmentAuditKeys(dataDir: string): AuditKeyring | null {
  const file = join(dataDir, AUDIT_KEYS_FILE);
  return existsSync(file) ? parseAuditKeys(readFileSync(file, 'utf8'), file) : null;
}
