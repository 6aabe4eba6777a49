import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CHILD = join(__dirname, '..', 'testing', 'heap-growth.child.ts');

/** The largest heap of a child that keeps 200,000 objects and churns promoted ones, with HEAP_GROWTH_PERCENT = `percent`. */
function largestHeap(percent: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), CHILD, String(percent)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`heap-growth child exited with ${code}`));
      else resolve(Number(output.split(' ')[0]));
    });
  });
}

describe('limitHeapGrowth (HEAP_GROWTH_PERCENT)', () => {
  it('keeps the heap of a churning process well below what V8 grows it to on its own', async () => {
    const unlimited = await largestHeap(0);
    const limited = await largestHeap(50);
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(unlimited * 0.75);
  }, 60_000);
});
