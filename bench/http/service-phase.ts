import { join } from 'node:path';
import { BENCH_API_KEYS, BENCH_KEYS, ServiceProcess, entryArgs, freePort, type RunMode } from './service-process';
import { asOfReplay, lifecycles, submissions, thirtyEventCase, type LoadFigure } from './http-figures';
import { feedFollowersImpact, type FeedImpact } from './feed-impact';
import { processCpuSeconds, threadCpuSeconds } from './process-cpu';

export type ServicePhase = Readonly<{
  coldStartMs: number;
  idleRssBytes: number;
  /**
   * The highest RSS over every run of submissions (the runs without followers and the feed
   * figures' rounds, ~140 s). Until 2026-12-07 11:15 the figure sampled only the first two runs
   * (`firstRunsRssBytes`, 20 s), which saw neither the 100 feed followers nor the service's
   * minutely digest signing (AUDIT_DIGEST_INTERVAL_MS), whose rounds under a steady load run on a
   * thread with a heap of their own: 235 MB there, 446 MB over every run (11:24); with the signing
   * off, 232 and 356 MB (11:33).
   */
  loadRssBytes: number;
  /** The highest RSS during the first two runs of submissions (20 s from 2 s after the start). */
  firstRunsRssBytes: number;
  /** The first run of submissions, from 2 s after the start: JIT compilation and caches still warming. */
  submissionsJustStarted: LoadFigure;
  /** The run right after it, the feed figure's first run before (the figure is a median: figures.ts). */
  submissions: LoadFigure;
  /** Submissions with and without long-polling feed clients, right after `submissions` (issue 18). */
  feed: FeedImpact;
  /** The same with clients following the Server-Sent Events stream, right after `feed`. */
  feedStream: FeedImpact;
  lifecycles: LoadFigure & { lifecycles: number };
  /**
   * The as-of GETs' first run, on a route the service has not served before: like the submissions'
   * first run it stands for the start, not the pace (on a 1M-event store, 2026-12-07: p99 3.28 ms
   * against 1.78 and 2.43 ms in the two runs after it; on an empty store 3.03–5.66 ms against
   * 1.76–2.35 ms in five services' runs after the first). Kept in the figure's detail.
   */
  asOfFirstRun: LoadFigure;
  /** The as-of figure: the run after the first. */
  asOf: LoadFigure;
  /** The service's CPU seconds during the as-of GETs: its event loop's, and all its threads'. */
  asOfServiceCpu: Readonly<{ eventLoopSeconds: number; processSeconds: number }>;
}>;

export type ServicePhaseOptions = Readonly<{
  mode: RunMode;
  dataDir: string;
  workDir: string;
  knownApplicationId: string;
  loadSeconds: number;
  /** Null: send `maxLifecycles` cases however long they take. */
  lifecycleSeconds: number | null;
  maxLifecycles: number;
  profileDir: string | null;
  logLevel: string;
}>;

const CATCH_UP_TIMEOUT_MS = 900_000;
/**
 * The per-caller rate limit is a policy set per deployment (6,000 a minute by default): the bench
 * measures what the service can do, so it lifts the limit rather than measure 429 answers.
 */
const UNLIMITED_RATE = { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000' };

type Health = { projections?: { name: string; state: string; checkpoint: number; lag: number | null }[] };

/**
 * Polls /health until every read model and process has read the whole log (twice in a row, since
 * processes append as they go); returns their checkpoints.
 */
async function caughtUp(service: ServiceProcess): Promise<number[]> {
  const deadline = performance.now() + CATCH_UP_TIMEOUT_MS;
  let checkpoints: number[] = [];
  for (let quietPolls = 0; quietPolls < 2;) {
    if (performance.now() > deadline)
      throw new Error(`The service did not catch up with the log within ${CATCH_UP_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (service.exitCode !== null)
      throw new Error(`The service exited with code ${service.exitCode} while catching up with the log`);
    const health = (await fetch(`${service.baseUrl}/health`, {
      headers: { authorization: `Bearer ${BENCH_KEYS.admin}` },
    }).then(
      (response) => response.json(),
      () => ({}),
    )) as Health;
    const projections = health.projections ?? [];
    const failed = projections.find((projection) => projection.state === 'failed');
    if (failed) throw new Error(`The service's ${failed.name} failed while catching up: ${JSON.stringify(failed)}`);
    quietPolls = projections.length > 0 && projections.every((projection) => projection.lag === 0) ? quietPolls + 1 : 0;
    checkpoints = projections.map((projection) => projection.checkpoint);
  }
  return checkpoints;
}

/**
 * Signs a digest covering the whole log (POST /v1/admin/audit/digests), as the signer's periodic
 * round (AUDIT_DIGEST_INTERVAL_MS) would within a minute of a real deployment's steady state: left
 * to the measured service, a backlog of hundreds of thousands of events lands in whichever figure
 * runs at its first round (it took the as-of p50 from 2 to 29 ms on 2026-12-06). A 503 means the
 * request timed out while the signing goes on: the next request waits for it.
 */
async function signWholeLog(service: ServiceProcess): Promise<void> {
  const deadline = performance.now() + CATCH_UP_TIMEOUT_MS;
  for (;;) {
    const response = await fetch(`${service.baseUrl}/v1/admin/audit/digests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_KEYS.admin}` },
    });
    const text = await response.text();
    if (response.status === 201) return;
    if (response.status !== 503 || performance.now() > deadline)
      throw new Error(`Signing the generated log answered ${response.status}: ${text}`);
  }
}

/**
 * Samples the service's RSS every 100 ms from its creation until `work` settles (the sampling
 * stops either way): `until` gives the work's result and the highest sample; `highest`, the highest
 * so far.
 */
function rssSampler(service: ServiceProcess) {
  let highest = service.rss();
  const timer = setInterval(() => (highest = Math.max(highest, service.rss())), 100);
  return {
    highest: () => highest,
    async until<T>(work: () => Promise<T>): Promise<[T, number]> {
      try {
        return [await work(), highest];
      } finally {
        clearInterval(timer);
      }
    },
  };
}

function launcher(options: ServicePhaseOptions, track: (service: ServiceProcess | null) => void) {
  const env = { DATA_DIR: options.dataDir, API_KEYS: BENCH_API_KEYS, LOG_LEVEL: options.logLevel, ...UNLIMITED_RATE };
  const args = entryArgs(options.mode, 'apps/case-api/src/main.ts', 'dist/apps/case-api/src/main.js');
  return async (extraArgs: readonly string[], readyUrl = `/v1/applications/${options.knownApplicationId}`) => {
    const service = await ServiceProcess.start(await freePort(), {
      args: [...extraArgs, ...args],
      env,
      logFile: join(options.workDir, 'service.log'),
      readyUrl,
      readyHeaders: { authorization: `Bearer ${BENCH_KEYS.auditor}` },
      timeoutMs: CATCH_UP_TIMEOUT_MS,
    });
    track(service);
    return service;
  };
}

export type FirstStart<T> = Readonly<{
  generated: T;
  catchUpAfterGenerationSeconds: number;
  /** Then the time to countersign the whole log into a digest (the signer's backlog). */
  signingSeconds: number;
}>;

/**
 * The service's first start on an empty data directory while `generate` writes the log into it
 * from this process: its read models and processes follow the log as it grows (another process's
 * appends, seen by polling), on the second core. Returns what `generate` returned and how long the
 * service took to catch up once the generation had ended. The generated log holds what the
 * processes would have appended, so the service must append nothing: a log longer than what was
 * generated fails the run.
 */
export async function firstStartDuring<T extends { events: number }>(
  options: Omit<ServicePhaseOptions, 'knownApplicationId'>,
  track: (service: ServiceProcess | null) => void,
  generate: () => Promise<T>,
): Promise<FirstStart<T>> {
  const service = await launcher({ ...options, knownApplicationId: '' }, track)([], '/health/live');
  const generated = await generate();
  const ended = performance.now();
  const checkpoints = await caughtUp(service);
  const catchUpAfterGenerationSeconds = (performance.now() - ended) / 1000;
  const signingStarted = performance.now();
  await signWholeLog(service);
  const signingSeconds = (performance.now() - signingStarted) / 1000;
  await service.stop();
  track(null);
  const moved = checkpoints.find((checkpoint) => checkpoint !== generated.events);
  if (moved !== undefined) {
    throw new Error(
      `The service's first start moved the log from ${generated.events} to ${moved} events: the generated log is not what its processes expect`,
    );
  }
  return { generated, catchUpAfterGenerationSeconds, signingSeconds };
}

/**
 * The real service on the generated store, its read models already built: a start timed to the
 * first 200 of a GET of a generated case (cold start), its idle RSS, and the HTTP figures, with
 * the RSS sampled under the submission load.
 */
export async function servicePhase(
  options: ServicePhaseOptions,
  track: (service: ServiceProcess | null) => void,
): Promise<ServicePhase> {
  const service = await launcher(options, track)(profilingArgs(options));
  const coldStartMs = service.coldStartMs;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idleRssBytes = service.rss();
  const rss = rssSampler(service);
  const [runs, loadRssBytes] = await rss.until(() => submissionRuns(service, options.loadSeconds, rss.highest));
  const lived = await lifecycles(service.baseUrl, options.lifecycleSeconds, options.maxLifecycles);
  const subject = await thirtyEventCase(service.baseUrl);
  const asOfFirstRun = await asOfReplay(service.baseUrl, options.loadSeconds, subject);
  const [loopBefore, processBefore] = [threadCpuSeconds(service.pid), processCpuSeconds(service.pid)];
  const asOf = await asOfReplay(service.baseUrl, options.loadSeconds, subject);
  const asOfServiceCpu = {
    eventLoopSeconds: threadCpuSeconds(service.pid) - loopBefore,
    processSeconds: processCpuSeconds(service.pid) - processBefore,
  };
  await service.stop();
  track(null);
  return {
    coldStartMs,
    idleRssBytes,
    loadRssBytes,
    firstRunsRssBytes: runs.firstRunsRssBytes,
    submissionsJustStarted: runs.justStarted,
    submissions: runs.submitted,
    feed: runs.feed,
    feedStream: runs.feedStream,
    lifecycles: lived,
    asOfFirstRun,
    asOf,
    asOfServiceCpu,
  };
}

/**
 * Every run of submissions: the first two, then the feed figures' rounds; `highestRss` after the
 * first two is the RSS figure's detail.
 */
async function submissionRuns(service: ServiceProcess, seconds: number, highestRss: () => number) {
  const [justStarted, submitted] = await warmThenMeasure(service, seconds);
  const firstRunsRssBytes = highestRss();
  const feed = await feedFollowersImpact(service.baseUrl, seconds, { without: submitted });
  const feedStream = await feedFollowersImpact(service.baseUrl, seconds, {
    without: feed.withoutAgain,
    mode: 'stream',
  });
  return { justStarted, submitted, firstRunsRssBytes, feed, feedStream };
}

/**
 * Two runs of submissions, the first on the service just started: on the 1M-event store (two
 * probes, 2026-12-07) its event loop took 1.55 and 2.34 ms a submission there against 1.14–1.53 ms
 * in the two runs after each, with V8's threads busier (compiling the hot paths), so it stands for
 * the start, not the service's pace.
 */
async function warmThenMeasure(service: ServiceProcess, seconds: number): Promise<[LoadFigure, LoadFigure]> {
  const justStarted = await submissions(service.baseUrl, seconds);
  return [justStarted, await submissions(service.baseUrl, seconds)];
}

function profilingArgs(options: ServicePhaseOptions): string[] {
  if (!options.profileDir) return [];
  const register = join(__dirname, '../../scripts/swc-register.js');
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${options.profileDir}`,
    '-r',
    register,
    '-r',
    join(__dirname, 'exit-after-shutdown.ts'),
  ];
}
