/**
 * The change feed's cost to submissions, on its own (the full suite, `npm run bench`, measures the
 * same figure on its 1M-event store):
 *   npm run bench:feed -- [--seconds 10] [--rounds 3] [--clients 100] [--follow poll|stream] [--encoding gzip|identity] [--limit 1000] [--mode source|dist] [--cpu-prof DIR]
 * Starts the service on an empty temporary data directory, then measures submissions/s without
 * feed clients, then `rounds` times with `clients` followers tailing the log (long polls of
 * GET /v1/feed with `limit`, or the Server-Sent Events of GET /v1/feed/stream; asking for gzip
 * with `--encoding gzip`) and without again; per round, the CPU the service spent per poll and
 * per item (its CPU with the followers less its CPU per submission without them), and the
 * followers' own CPU; and the median round's ratio. `--cpu-prof DIR` writes the V8 CPU
 * profiles of the service and of the followers there (summarise it with bench/cpu-profile-summary.ts).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  FEED_CLIENTS,
  FEED_ROUNDS,
  feedFollowersImpact,
  type FeedEncoding,
  type FeedFollowMode,
  type FeedImpact,
  type FeedRound,
} from './http/feed-impact';
import type { LoadFigure } from './http/http-figures';
import { BENCH_API_KEYS, ServiceProcess, entryArgs, freePort } from './http/service-process';
import { runInTempDir } from './run-script';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: String(FEED_CLIENTS) },
    rounds: { type: 'string', default: String(FEED_ROUNDS) },
    mode: { type: 'string', default: 'source' },
    'cpu-prof': { type: 'string' },
    limit: { type: 'string' },
    follow: { type: 'string', default: 'poll' },
    encoding: { type: 'string', default: 'identity' },
  },
});
function encodingOf(value: string | undefined): FeedEncoding {
  if (value === 'gzip' || value === 'identity') return value;
  throw new Error(`--encoding must be gzip or identity, not ${value}`);
}
function followMode(value: string | undefined): FeedFollowMode {
  if (value === 'poll' || value === 'stream') return value;
  throw new Error(`--follow must be poll or stream, not ${value}`);
}
const rate = (load: LoadFigure) =>
  `${Math.round(load.perSecond).toLocaleString('en')} submissions/s (p99 ${load.latencyP99Ms} ms, non-2xx ${load.non2xx}, errors ${load.errors})`;

async function main(workDir: string): Promise<void> {
  if (values.mode !== 'source' && values.mode !== 'dist') throw new Error('--mode must be source or dist');
  const service = await ServiceProcess.start(await freePort(), {
    args: [
      ...profilingArgs(values['cpu-prof']),
      ...entryArgs(values.mode, 'apps/case-api/src/main.ts', 'dist/apps/case-api/src/main.js'),
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
    timeoutMs: 60_000,
  });
  try {
    const impact = await feedFollowersImpact(service.baseUrl, Number(values.seconds), {
      clients: Number(values.clients),
      rounds: Number(values.rounds),
      servicePid: service.pid,
      followersProfileDir: values['cpu-prof'],
      limit: values.limit === undefined ? undefined : Number(values.limit),
      mode: followMode(values.follow),
      encoding: encodingOf(values.encoding),
    });
    const first = impact.rounds[0].before;
    console.log(`without feed clients:          ${rate(first)}`);
    for (const [index, round] of impact.rounds.entries()) {
      const { followers } = round;
      console.log(
        `round ${index + 1}, with ${impact.clients} followers (${describe(impact)}): ${rate(round.withFollowers)}`,
      );
      console.log(`round ${index + 1}, without again: ${rate(round.withoutAfter)}`);
      console.log(
        `round ${index + 1}: ratio ${round.ratio.toFixed(3)}; the followers received ${followers.events.toLocaleString('en')} items in ${followers.requests.toLocaleString('en')} polls, ${followers.failures} failures; when they stopped the slowest was ${round.slowestLag.toLocaleString('en')} positions behind the head`,
      );
      if (round.serviceCpu) console.log(cpuAccount(round, round.serviceCpu));
    }
    console.log(`ratio ${impact.median.ratio.toFixed(3)} (the median round's; target ≥ 0.90)`);
  } finally {
    await service.stop();
  }
}

const describe = (impact: FeedImpact) =>
  `${impact.mode === 'stream' ? 'Server-Sent Events' : `long polls, limit ${impact.limit}`}, ${impact.encoding}`;

/** The service's CPU with followers, less what its submissions cost without them, per poll and per item. */
function cpuAccount(round: FeedRound, cpu: NonNullable<FeedRound['serviceCpu']>): string {
  const perSubmission = cpu.withoutAgain / round.withoutAfter.requests;
  const feedCpu = cpu.withFollowers - perSubmission * round.withFollowers.requests;
  const { requests, events, cpuSeconds } = round.followers;
  const ms = (seconds: number, count: number) => `${((seconds * 1000) / Math.max(1, count)).toFixed(3)} ms`;
  return [
    `service CPU: ${cpu.withFollowers.toFixed(2)} s with followers, ${cpu.withoutAgain.toFixed(2)} s without (${ms(cpu.withoutAgain, round.withoutAfter.requests)} per submission)`,
    `service CPU of the feed: ${feedCpu.toFixed(2)} s = ${ms(feedCpu, requests)} per poll, ${ms(feedCpu, events)} per item`,
    `followers' own CPU: ${cpuSeconds.toFixed(2)} s in ${round.followers.seconds.toFixed(1)} s = ${ms(cpuSeconds, requests)} per poll`,
  ].join('\n');
}

function profilingArgs(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  const register = join(__dirname, '../scripts/swc-register.js');
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, '-r', register, '-r', join(__dirname, 'http/exit-after-shutdown.ts')];
}

runInTempDir('feed-impact-bench-', main);
