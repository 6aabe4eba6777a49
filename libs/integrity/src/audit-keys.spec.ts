import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditKeyError,
  loadOrCreateDevelopmentAuditKeys,
  parseAuditKeys,
  readDevelopmentAuditKeys,
} from './audit-keys';

const key = () => randomBytes(32).toString('base64');

describe('AUDIT_HMAC_KEYS', () => {
  it('signs with the first key and verifies with any listed one', () => {
    const [first, second] = [key(), key()];
    const old = parseAuditKeys(JSON.stringify([{ id: 'old', key: second }]));
    const rotated = parseAuditKeys(
      JSON.stringify([
        { id: 'new', key: first },
        { id: 'old', key: second },
      ]),
    );
    const signed = old.sign('digest');
    expect(rotated.signingKeyId).toBe('new');
    expect(rotated.verify(signed.keyId, 'digest', signed.mac)).toBe(true);
    expect(rotated.verify(signed.keyId, 'digest!', signed.mac)).toBe(false);
    expect(rotated.verify('unknown', 'digest', signed.mac)).toBe(false);
  });

  it.each([
    ['not JSON', 'nope', /not valid JSON/],
    ['an empty list', '[]', /non-empty/],
    ['a short key', JSON.stringify([{ id: 'k', key: 'c2hvcnQ=' }]), /at least 32 bytes/],
    ['a bad id', JSON.stringify([{ id: 'a b', key: key() }]), /\.id must be/],
    [
      'a repeated id',
      JSON.stringify([
        { id: 'k', key: key() },
        { id: 'k', key: key() },
      ]),
      /twice/,
    ],
  ])('refuses %s', (_, raw, message) => {
    expect(() => parseAuditKeys(raw)).toThrow(AuditKeyError);
    expect(() => parseAuditKeys(raw)).toThrow(message);
  });

  it('development mode generates one key into the data directory, once, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-keys-'));
    try {
      expect(readDevelopmentAuditKeys(dir)).toBeNull();
      const { file, keyring } = loadOrCreateDevelopmentAuditKeys(dir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const signed = keyring.sign('x');
      expect(loadOrCreateDevelopmentAuditKeys(dir).keyring.verify(signed.keyId, 'x', signed.mac)).toBe(true);
      expect(readDevelopmentAuditKeys(dir)?.signingKeyId).toBe(keyring.signingKeyId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
