import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CHILD = join(__dirname, '..', 'testing', 'pretenuring.child.ts');

/** Full collections caused by short-lived objects made where long-lived ones were made before, with HEAP_PRETENURING = `enabled`. */
function fullCollections(enabled: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), CHILD, String(enabled)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pretenuring child exited with ${code}`));
      else resolve(Number(output.split(' ')[0]));
    });
  });
}

describe('setPretenuring (HEAP_PRETENURING)', () => {
  it('keeps short-lived objects young once objects of the same code outlived young collections', async () => {
    const pretenured = await fullCollections(true);
    const young = await fullCollections(false);
    expect(pretenured).toBeGreaterThanOrEqual(3);
    expect(young).toBeLessThan(pretenured / 3);
  }, 60_000);
});
