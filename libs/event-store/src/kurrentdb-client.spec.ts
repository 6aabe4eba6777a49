import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { kurrentdb } from './kurrentdb-client';

const ROOT = join(__dirname, '..', '..', '..');

describe('the KurrentDB client library', () => {
  it('is not loaded by a process that only imports the event store (the SQLite default starts without it)', () => {
    const script = `require(${JSON.stringify(join(ROOT, 'libs/event-store/src'))}); process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('@kurrent'))))`;
    const loaded = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(loaded).toBe('false');
  });

  it('gives the client library when a KurrentDB store needs it', () => {
    expect(typeof kurrentdb().KurrentDBClient.connectionString).toBe('function');
  });
});
