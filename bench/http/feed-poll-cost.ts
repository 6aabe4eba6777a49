/**
 * What one answered poll of GET /v1/feed costs the service, apart from any submission load:
 *   node -r ./scripts/swc-register.js bench/http/feed-poll-cost.ts [--seconds 5] [--events 300] [--limits 1,100,1000] [--cpu-prof DIR]
 * Starts the service on an empty temporary data directory, starts the feed's shared tail at the
 * head, submits applications until the tail holds at least `events` items, then, for each limit,
 * sends polls for the same page from 10 connections (no wait: the page is there) and divides the
 * service's CPU time (utime + stime from /proc) by the polls answered. A follower tailing the log
 * asks for exactly such pages; limit 1 shows what a poll costs whatever its page, the larger
 * limits what the items add to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { processCpuSeconds } from './process-cpu';
import { distinctSubmission } from './request-bodies';
import { BENCH_API_KEYS, BENCH_KEYS, ServiceProcess, entryArgs, freePort } from './service-process';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    events: { type: 'string', default: '300' },
    limits: { type: 'string', default: '1,100,1000' },
    'cpu-prof': { type: 'string' },
  },
});
const auth = { authorization: `Bearer ${BENCH_KEYS.intake}` };
const UNLIMITED = { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000' };

async function feedPage(baseUrl: string, query: string): Promise<{ events: unknown[]; nextAfter: number }> {
  const response = await fetch(`${baseUrl}/v1/feed?${query}`, { headers: auth });
  return (await response.json()) as { events: unknown[]; nextAfter: number };
}

async function submit(baseUrl: string): Promise<void> {
  const body = distinctSubmission();
  const headers = { ...auth, 'content-type': 'application/json', 'idempotency-key': body.applicationId };
  const response = await fetch(`${baseUrl}/v1/applications`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`submission answered ${response.status}: ${await response.text()}`);
}

async function main(workDir: string): Promise<void> {
  const service = await ServiceProcess.start(await freePort(), {
    args: [
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
      ...entryArgs('source', 'apps/case-api/src/main.ts', 'dist/apps/case-api/src/main.js'),
    ],
    env: { DATA_DIR: join(workDir, 'data'), API_KEYS: BENCH_API_KEYS, LOG_LEVEL: 'warn', ...UNLIMITED },
    logFile: join(workDir, 'service.log'),
    readyUrl: '/health/live',
    timeoutMs: 60_000,
  });
  try {
    const head = (await feedPage(service.baseUrl, 'limit=1000')).nextAfter;
    const wanted = Number(values.events);
    while ((await feedPage(service.baseUrl, `after=${head}&limit=1000`)).events.length < wanted)
      for (let index = 0; index < 50; index++) await submit(service.baseUrl);
    for (const limit of values.limits.split(',').map(Number)) {
      const url = `${service.baseUrl}/v1/feed?after=${head}&limit=${limit}`;
      const before = processCpuSeconds(service.pid);
      const result = await autocannon({ url, headers: auth, connections: 10, duration: Number(values.seconds) });
      const cpu = processCpuSeconds(service.pid) - before;
      const polls = result['2xx'];
      const bytes = Math.round(result.throughput.total / Math.max(1, result.requests.total));
      console.log(
        `limit ${limit}: ${polls} polls (${bytes.toLocaleString('en')} bytes each), ${((cpu * 1e6) / Math.max(1, polls)).toFixed(0)} µs of service CPU per poll, non-2xx ${result.non2xx}`,
      );
    }
  } finally {
    await service.stop();
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'feed-poll-cost-'));
main(workDir)
  .catch((error: Error) => {
    console.error(error.stack);
    process.exitCode = 1;
  })
  .finally(() => rmSync(workDir, { recursive: true, force: true }));
