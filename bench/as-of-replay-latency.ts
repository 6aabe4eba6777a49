/**
 * As-of replay latency on its own (the full suite, `npm run bench`, measures the same figure among
 * the others, on a 1M-event store):
 *   node -r ./scripts/swc-register.js bench/as-of-replay-latency.ts [--seconds 10] [--profile DIR] [--mode source|dist]
 * Starts the real service on an empty temporary data directory, writes the suite's 30-event case
 * through HTTP, then sends `GET …/history?asOf=` on 10 connections for the given seconds, twice, and
 * prints each run's p50 and p99 (the full suite's figure is the second run: the first stands for
 * the start). With --profile the service runs under `node --cpu-prof` and writes its profile to DIR
 * (summarise it with bench/cpu-profile-summary.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { asOfReplay, thirtyEventCase } from './http/http-figures';
import { BENCH_API_KEYS, BENCH_KEYS, ServiceProcess, entryArgs, freePort, type RunMode } from './http/service-process';
import { runInTempDir } from './run-script';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    profile: { type: 'string' },
    mode: { type: 'string', default: 'source' },
  },
});

function profilingArgs(profileDir: string | undefined): string[] {
  if (!profileDir) return [];
  const preload = (file: string) => ['-r', join(__dirname, file)];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${profileDir}`,
    ...preload('../scripts/swc-register.js'),
    ...preload('http/exit-after-shutdown.ts'),
  ];
}

async function main(workDir: string): Promise<void> {
  const mode = values.mode as RunMode;
  const service = await ServiceProcess.start(await freePort(), {
    args: [
      ...profilingArgs(values.profile),
      ...entryArgs(mode, 'apps/case-api/src/main.ts', 'dist/apps/case-api/src/main.js'),
    ],
    env: {
      DATA_DIR: join(workDir, 'data'),
      API_KEYS: BENCH_API_KEYS,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '1000000',
    },
    logFile: join(workDir, 'service.log'),
    readyUrl: '/health/live',
    readyHeaders: { authorization: `Bearer ${BENCH_KEYS.auditor}` },
    timeoutMs: 60_000,
  });
  try {
    const subject = await thirtyEventCase(service.baseUrl);
    for (const run of ['first run', 'the run after it (the figure)']) {
      const figure = await asOfReplay(service.baseUrl, Number(values.seconds), subject);
      console.log(
        `as-of replay of a 30-event case, 10 connections, ${run}, ${figure.seconds.toFixed(1)} s: ` +
          `${Math.round(figure.perSecond).toLocaleString('en')} req/s, p50 ${figure.latencyP50Ms.toFixed(2)} ms, ` +
          `p99 ${figure.latencyP99Ms.toFixed(2)} ms, non-2xx ${figure.non2xx}`,
      );
    }
  } finally {
    await service.stop();
  }
}

runInTempDir('as-of-bench-', main);
