import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FEED_FOLLOWERS_READY, type FeedFollowerCounts } from './feed-followers';
import { submissions, type LoadFigure } from './http-figures';
import { BENCH_KEYS, ROOT } from './service-process';
import { processCpuSeconds } from './process-cpu';
import { medianBy } from '../report';

/** Issue 18: "100 concurrent feed clients do not slow submissions by more than 10 %". */
export const FEED_CLIENTS = 100;
/** The long-polling followers' page: the API's largest, as an integration tailing the log asks for. */
export const FEED_FOLLOWER_LIMIT = 1000;

export type FeedFollowMode = 'poll' | 'stream';
/** Whether the followers ask for the bytes as they are, or for gzip as HTTP clients do unasked. */
export type FeedEncoding = 'gzip' | 'identity';
const READY_TIMEOUT_MS = 30_000;
/** After the last first poll is sent, time for the service to have every poll waiting. */
const SETTLE_MS = 500;
/** Pages read to find the log's head: the API's largest. */
const HEAD_PAGE = 1000;

/** One round: submissions with the followers, then without them; its ratio is to the runs on either side. */
export type FeedRound = Readonly<{
  /** The run without followers just before (the previous round's `withoutAfter`, or the first). */
  before: LoadFigure;
  withFollowers: LoadFigure;
  withoutAfter: LoadFigure;
  /** Submissions/s with the followers ÷ the mean of `before` and `withoutAfter`. */
  ratio: number;
  followers: FeedFollowerCounts;
  /** Log positions between the slowest follower's cursor when they stopped and the log's head then. */
  slowestLag: number;
  /** The service's CPU seconds with followers and in the run after, when its pid was given. */
  serviceCpu?: Readonly<{ withoutAgain: number; withFollowers: number }>;
}>;

export type FeedImpact = Readonly<{
  clients: number;
  /** How the followers follow: long polls of GET /v1/feed, or the Server-Sent Events of GET /v1/feed/stream. */
  mode: FeedFollowMode;
  encoding: FeedEncoding;
  /** The long polls' page size (the stream has none). */
  limit: number;
  /** The rounds in the order run; the first `before` is the run given (or measured) before them. */
  rounds: readonly FeedRound[];
  /** The round whose ratio is the median of the rounds' (the lower middle one of an even count): the figure. */
  median: FeedRound;
  /** The last run without followers: the next figure's run before. */
  withoutAgain: LoadFigure;
}>;

/**
 * Rounds of with and without followers: a slow minute of this machine (two runs one after the
 * other can differ by a third) lands in one of them.
 */
export const FEED_ROUNDS = 3;

/**
 * Submissions/s with and without `clients` feed followers (long polls, or Server-Sent Events), in
 * the same run on the same service: without (given, or measured), then `rounds` times with and
 * without, alternated. The followers tail the log from its head, so each new event reaches every
 * one of them; each round starts them afresh at the head.
 */
export async function feedFollowersImpact(
  baseUrl: string,
  seconds: number,
  options: Readonly<{
    clients?: number;
    without?: LoadFigure;
    rounds?: number;
    servicePid?: number;
    followersProfileDir?: string;
    /** The long-polling followers' page size (FEED_FOLLOWER_LIMIT unless given). */
    limit?: number;
    /** Long polls of GET /v1/feed (the default) or Server-Sent Events from GET /v1/feed/stream. */
    mode?: FeedFollowMode;
    /**
     * identity (the default) or gzip, which integrations' HTTP clients ask for unasked: the service
     * then sends a tenth of the bytes, but its followers, on the cores the service uses, inflate them.
     */
    encoding?: FeedEncoding;
  }> = {},
): Promise<FeedImpact> {
  const clients = options.clients ?? FEED_CLIENTS;
  const mode = options.mode ?? 'poll';
  const limit = options.limit ?? FEED_FOLLOWER_LIMIT;
  const encoding = options.encoding ?? 'identity';
  const cpu = () => (options.servicePid === undefined ? 0 : processCpuSeconds(options.servicePid));
  const profiling = options.followersProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.followersProfileDir}`] : [];
  const roundCount = options.rounds ?? FEED_ROUNDS;
  if (!Number.isInteger(roundCount) || roundCount < 1)
    throw new RangeError(`The feed figure needs a whole number of rounds, at least 1, not ${roundCount}`);
  const rounds: FeedRound[] = [];
  let before = options.without ?? (await submissions(baseUrl, seconds));
  for (let round = 0; round < roundCount; round++) {
    const head = await logHead(baseUrl);
    const followers = await startFollowers(baseUrl, clients, { after: head, limit, mode, encoding }, profiling);
    let withFollowers: LoadFigure;
    const cpuBefore = cpu();
    try {
      withFollowers = await submissions(baseUrl, seconds);
    } finally {
      followers.stop();
    }
    const cpuWith = cpu() - cpuBefore;
    const counts = await followers.counts;
    const slowestLag = (await logHead(baseUrl)) - counts.slowestCursor;
    const cpuBeforeAgain = cpu();
    const withoutAfter = await submissions(baseUrl, seconds);
    const serviceCpu = { withFollowers: cpuWith, withoutAgain: cpu() - cpuBeforeAgain };
    const ratio = withFollowers.perSecond / ((before.perSecond + withoutAfter.perSecond) / 2);
    rounds.push({
      before,
      withFollowers,
      withoutAfter,
      ratio,
      followers: counts,
      slowestLag,
      ...(options.servicePid === undefined ? {} : { serviceCpu }),
    });
    before = withoutAfter;
  }
  const median = medianBy(rounds, (round) => round.ratio);
  return { clients, mode, encoding, limit, rounds, median, withoutAgain: before };
}

/**
 * The log's head: from the workers' furthest checkpoint on the admin view of /health, paged forward
 * through the feed to its end. The checkpoint alone lags the log by seconds after a load run (some
 * 5,000 events at 700 submissions/s): followers started there each caught up through the store
 * first, which is not the load this bench means to measure.
 */
async function logHead(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/health`, { headers: { authorization: `Bearer ${BENCH_KEYS.admin}` } });
  const health = (await response.json()) as { projections?: { checkpoint: number }[] };
  const checkpoints = (health.projections ?? []).map((projection) => projection.checkpoint);
  if (checkpoints.length === 0) throw new Error(`/health shows no worker checkpoint: ${JSON.stringify(health)}`);
  let head = Math.max(...checkpoints);
  for (;;) {
    const page = await fetch(`${baseUrl}/v1/feed?after=${head}&limit=${HEAD_PAGE}`, {
      headers: { authorization: `Bearer ${BENCH_KEYS.intake}` },
    });
    const { events, nextAfter } = (await page.json()) as { events: unknown[]; nextAfter: number };
    head = nextAfter;
    if (events.length < HEAD_PAGE) return head;
  }
}

type Followers = Readonly<{ stop: () => void; counts: Promise<FeedFollowerCounts> }>;

/** bench/http/feed-followers.ts in a child process; resolves once every client polls. */
async function startFollowers(
  baseUrl: string,
  clients: number,
  from: Readonly<{ after: number; limit: number; mode: FeedFollowMode; encoding: FeedEncoding }>,
  nodeOptions: readonly string[],
): Promise<Followers> {
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '-r',
      join(ROOT, 'scripts/swc-register.js'),
      join(__dirname, 'feed-followers.ts'),
      baseUrl,
      BENCH_KEYS.intake,
      String(clients),
      String(from.after),
      String(from.limit),
      from.mode,
      from.encoding,
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }, // stdin: the followers stop when it closes
  );
  let output = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const ready = new Promise<boolean>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(FEED_FOLLOWERS_READY)) resolve(true);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void closed.then(() => resolve(false));
    setTimeout(() => resolve(false), READY_TIMEOUT_MS).unref();
  });
  if (!(await ready)) {
    child.kill('SIGKILL');
    await closed;
    throw new Error(`The ${clients} feed followers did not start within ${READY_TIMEOUT_MS} ms:\n${output}`);
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const counts = closed.then((code) => {
    const last = output.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !last.startsWith('{')) throw new Error(`The feed followers exited ${code}:\n${output}`);
    return JSON.parse(last) as FeedFollowerCounts;
  });
  void counts.catch(() => undefined); // awaited after the submissions; a crash meanwhile is reported then
  return { stop: () => child.kill('SIGTERM'), counts };
}
