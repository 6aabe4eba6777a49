/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) into the top self-time functions and modules.
 *   node -r ./scripts/swc-register.js bench/cpu-profile-summary.ts FILE.cpuprofile [--top 25]
 * Self time of a function is the time the sampler found it on top of the stack; a module is the
 * package (node_modules/<name>), the repository folder (libs/<lib>, apps/<app>) or `node:` built-in.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type CallFrame = Readonly<{ functionName: string; url: string; lineNumber: number }>;
type ProfileNode = Readonly<{ id: number; callFrame: CallFrame }>;
type CpuProfile = Readonly<{
  nodes: readonly ProfileNode[];
  samples: readonly number[];
  timeDeltas: readonly number[];
}>;
type SelfTime = Readonly<{ name: string; ms: number; share: number }>;
type ProfileSummary = Readonly<{ totalMs: number; functions: readonly SelfTime[]; modules: readonly SelfTime[] }>;

const REPOSITORY_FOLDER = /\/(libs|apps|bench|scripts)\/([^/]+)\//;
const PACKAGE = /node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** Where a frame's code lives: a package, a folder of this repository, a node built-in, or V8 itself. */
function moduleOf(url: string): string {
  if (url === '') return '(v8: gc, idle, native)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const pkg = PACKAGE.exec(url);
  if (pkg) return pkg[1];
  const folder = REPOSITORY_FOLDER.exec(url);
  return folder ? `${folder[1]}/${folder[2]}` : url;
}

function frameName({ functionName, url, lineNumber }: CallFrame): string {
  if (url === '') return functionName;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|libs|apps|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function ranked(totals: Map<string, number>, totalMicros: number, top: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: totalMicros === 0 ? 0 : micros / totalMicros }));
}

function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalMicros = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = frames.get(nodeId);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    totalMicros += micros;
    const name = frameName(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const module = moduleOf(frame.url);
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
  });
  return {
    totalMs: totalMicros / 1000,
    functions: ranked(byFunction, totalMicros, top),
    modules: ranked(byModule, totalMicros, top),
  };
}

function printTable(title: string, rows: readonly SelfTime[]): void {
  console.log(`\n${title}`);
  for (const row of rows)
    console.log(`${row.ms.toFixed(0).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)} %  ${row.name}`);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  if (positionals.length === 0) throw new Error('Usage: cpu-profile-summary.ts FILE.cpuprofile [FILE…] [--top N]');
  for (const file of positionals) {
    const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top));
    console.log(`${file}: ${summary.totalMs.toFixed(0)} ms of samples, idle excluded`);
    printTable('top self time by module', summary.modules);
    printTable('top self time by function', summary.functions);
  }
}

main();
