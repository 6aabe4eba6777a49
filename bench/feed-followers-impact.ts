/**
 * The change feed's cost to submissions, on its own (the full suite, `npm run bench`, measures the
 * same figure on its 1M-event store):
 *   npm run bench:feed -- [--seconds 10] [--clients 100] [--mode source|dist]
 * Starts the service on an empty temporary data directory, then measures submissions/s without
 * feed clients, with `clients` long-polling followers tailing the log, and without again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FEED_CLIENTS, feedFollowersImpact } from './http/feed-impact';
import type { LoadFigure } from './http/http-figures';
import { BENCH_API_KEYS, ServiceProcess, entryArgs, freePort } from './http/service-process';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: String(FEED_CLIENTS) },
    mode: { type: 'string', default: 'source' },
  },
});
const rate = (load: LoadFigure) =>
  `${Math.round(load.perSecond).toLocaleString('en')} submissions/s (p99 ${load.latencyP99Ms} ms, non-2xx ${load.non2xx}, errors ${load.errors})`;

async function main(workDir: string): Promise<void> {
  if (values.mode !== 'source' && values.mode !== 'dist') throw new Error('--mode must be source or dist');
  const service = await ServiceProcess.start(await freePort(), {
    args: entryArgs(values.mode, 'apps/case-api/src/main.ts', 'dist/apps/case-api/src/main.js'),
    env: {
      DATA_DIR: join(workDir, 'data'),
      API_KEYS: BENCH_API_KEYS,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '1000000',
    },
    logFile: join(workDir, 'service.log'),
    readyUrl: '/health/live',
    timeoutMs: 60_000,
  });
  try {
    const impact = await feedFollowersImpact(service.baseUrl, Number(values.seconds), {
      clients: Number(values.clients),
    });
    const { followers } = impact;
    console.log(`without feed clients:          ${rate(impact.without)}`);
    console.log(`with ${impact.clients} long-polling clients: ${rate(impact.withFollowers)}`);
    console.log(`without again:                 ${rate(impact.withoutAgain)}`);
    console.log(
      `ratio ${impact.ratio.toFixed(3)} (target ≥ 0.90); the followers received ${followers.events.toLocaleString('en')} items in ${followers.requests.toLocaleString('en')} polls, ${followers.failures} failures`,
    );
  } finally {
    await service.stop();
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'feed-impact-bench-'));
main(workDir)
  .catch((error: Error) => {
    console.error(error.stack);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));
