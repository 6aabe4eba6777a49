import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyEntry } from './app-config';

export const DEVELOPMENT_KEYS_FILE = 'dev-api-keys.json';
const ROLES = ['intake', 'officer', 'auditor', 'admin'] as const;

/**
 * Embedded development mode: one key per role, kept in `DATA_DIR/dev-api-keys.json` (mode 0600)
 * as `{ "intake": "<key>", … }` so they survive restarts. Never used in production.
 */
export function loadOrCreateDevelopmentKeys(dataDir: string): { file: string; keys: ApiKeyEntry[] } {
  const file = join(dataDir, DEVELOPMENT_KEYS_FILE);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) {
    const keys = Object.fromEntries(ROLES.map((role) => [role, randomBytes(24).toString('base64url')]));
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const keys = ROLES.filter((role) => typeof stored[role] === 'string').map((role) => ({
    key: stored[role],
    principal: `dev-${role}`,
    roles: [role],
  }));
  return { file, keys };
}
