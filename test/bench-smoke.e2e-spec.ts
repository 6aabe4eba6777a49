import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/** The quick bench takes under a minute on an idle 2-core machine; a loaded one needs more. */
const BENCH_TIMEOUT_MS = 180_000;

const FIGURES = [
  'httpSubmissions',
  'feedFollowers',
  'feedStreamFollowers',
  'lifecycles',
  'pipelineAppends',
  'pipelineAppendsOneAtATime',
  'rebuild',
  'asOfP50',
  'asOfP99',
  'rssIdle',
  'rssUnderLoad',
  'coldStart',
] as const;
const WITH_BASELINE = ['httpSubmissions', 'pipelineAppends', 'pipelineAppendsOneAtATime', 'rebuild'];
/** Submissions under 100 feed followers: a 2 s quick run on a loaded machine may complete none of them. */
const MAY_BE_ZERO: readonly string[] = ['feedFollowers', 'feedStreamFollowers'];

function runQuickBench(out: string, children: ChildProcess[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'bench/run-bench.ts'), '--quick', '--out', out],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** A smoke check that the bench runs end to end and writes its results: no performance thresholds. */
describe('npm run bench -- --quick', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'impplus-bench-smoke-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  });

  it(
    'writes every figure as a positive number, with its same-run baseline, the machine and the commit, to --out',
    async () => {
      const out = join(outDir, 'results.json');
      const { code, output } = await runQuickBench(out, children);
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });

      const results = JSON.parse(readFileSync(out, 'utf8'));
      expect(results).toMatchObject({
        quick: true,
        mode: 'source',
        commit: expect.stringMatching(/^([0-9a-f]{40}|unknown)$/),
        machine: {
          cpus: expect.any(Number),
          memoryBytes: expect.any(Number),
          node: process.version,
          tempDir: { path: tmpdir() },
        },
        generation: { events: expect.any(Number), seconds: expect.any(Number) },
      });
      expect(Number.isNaN(Date.parse(results.date))).toBe(false);
      expect(results.generation.events).toBeGreaterThanOrEqual(10_000);
      expect(Object.keys(results.figures).sort()).toEqual([...FIGURES].sort());
      for (const name of FIGURES) {
        const figure = results.figures[name];
        const positive = Number.isFinite(figure.value) && (figure.value > 0 || MAY_BE_ZERO.includes(name));
        expect({ name, positive }).toEqual({ name, positive: true });
        for (const target of figure.targets)
          expect(target).toEqual({ text: expect.any(String), pass: expect.any(Boolean) });
      }
      for (const name of WITH_BASELINE) {
        const { baseline } = results.figures[name];
        expect({ name, positive: baseline.value > 0 && baseline.ratio > 0 }).toEqual({ name, positive: true });
      }
      expect(results.figures.lifecycles.detail.lifecycles).toBeGreaterThan(0);
      expect(output).toContain('HTTP submissions');
    },
    BENCH_TIMEOUT_MS,
  );
});
