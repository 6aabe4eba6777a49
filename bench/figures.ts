import type { AppendFigures } from './in-process/append-figures';
import { IN_FLIGHT } from './in-process/append-figures';
import type { RebuildFigures } from './in-process/rebuild-figures';
import type { LoadFigure } from './http/http-figures';
import type { LatencySample } from './http/latency-client';
import type { FeedImpact, FeedRound } from './http/feed-impact';
import type { ServicePhase } from './http/service-phase';
import { atLeast, atMost, medianBy, withBaseline, type Figure } from './report';

export type Measured = Readonly<{
  trivial: LoadFigure;
  /** The trivial route's runs, two before the service's figures and one after: `trivial` is the fastest. */
  trivialRuns: readonly LoadFigure[];
  /** The trivial route timed by the as-of figure's client, connections and seconds: that figure's floor on this machine. */
  trivialLatency: LatencySample;
  appends: AppendFigures;
  rebuild: RebuildFigures;
  service: ServicePhase;
  generated: Readonly<{ events: number }>;
}>;

const MB = 1024 * 1024;
const loadDetail = (load: LoadFigure) => ({
  requests: load.requests,
  non2xx: load.non2xx,
  errors: load.errors,
  seconds: Number(load.seconds.toFixed(2)),
  latencyP50Ms: load.latencyP50Ms,
  latencyP99Ms: load.latencyP99Ms,
});

/** Each figure of issue 7 with its same-run baseline and its targets (embedded store, 2 cores). */
export function figuresOf({
  trivial,
  trivialRuns,
  trivialLatency,
  appends,
  rebuild,
  service,
  generated,
}: Measured): Record<string, Figure> {
  const runs = runsWithoutFollowers(service);
  const median = medianBy(runs, (run) => run.perSecond);
  const submissions = median.perSecond;
  const caseView = rebuild.rebuild['case-view'] ?? Math.min(...Object.values(rebuild.rebuild));
  const events = generated.events.toLocaleString('en');
  return {
    httpSubmissions: {
      label: `HTTP submissions (50 connections), median of ${runs.length} runs after a first one`,
      value: submissions,
      unit: 'req/s',
      baseline: withBaseline('NestJS + Fastify trivial route', trivial.perSecond)(submissions),
      targets: [
        atLeast('≥ 10,000/s', submissions, 10_000),
        atLeast('≥ 0.05 × trivial (issue 15)', submissions / trivial.perSecond, 0.05),
        atLeast('≥ 0.15 × trivial', submissions / trivial.perSecond, 0.15),
      ],
      detail: {
        ...loadDetail(median),
        trivialNon2xx: trivial.non2xx,
        justStartedPerSecond: Math.round(service.submissionsJustStarted.perSecond),
        runsPerSecond: runs.map((run) => Math.round(run.perSecond)).join(' / '),
        ...Object.fromEntries(
          trivialRuns.map((run, index) => [`trivialRun${index + 1}PerSecond`, Math.round(run.perSecond)]),
        ),
      },
    },
    feedFollowers: feedFigure(service.feed),
    feedStreamFollowers: feedFigure(service.feedStream),
    lifecycles: {
      label: 'whole case lifecycles over HTTP (50 connections)',
      value: service.lifecycles.perSecond,
      unit: 'cases/s',
      baseline: withBaseline('NestJS + Fastify trivial route', trivial.perSecond)(service.lifecycles.perSecond),
      targets: [
        atLeast('≥ 0.02 × trivial (issue 15)', service.lifecycles.perSecond / trivial.perSecond, 0.02),
        atLeast('≥ 2,000/s', service.lifecycles.perSecond, 2_000),
      ],
      detail: { lifecycles: service.lifecycles.lifecycles, ...loadDetail(service.lifecycles) },
    },
    pipelineAppends: {
      label: `appends through the command pipeline, ${IN_FLIGHT} in flight`,
      value: appends.pipelineConcurrent,
      unit: 'appends/s',
      baseline: withBaseline(
        `raw better-sqlite3, same rows, ${IN_FLIGHT} per transaction`,
        appends.rawBatched,
      )(appends.pipelineConcurrent),
      targets: [atLeast('≥ 0.4 × raw (issue 15)', appends.pipelineConcurrent / appends.rawBatched, 0.4)],
    },
    pipelineAppendsOneAtATime: {
      label: 'appends through the command pipeline, 1 in flight',
      value: appends.pipelineSequential,
      unit: 'appends/s',
      baseline: withBaseline(
        'raw better-sqlite3, same rows, 1 per transaction',
        appends.rawSequential,
      )(appends.pipelineSequential),
      targets: [],
      detail: { rows: appends.rows },
    },
    rebuild: {
      label: `rebuild of case-view from ${events} events`,
      value: caseView,
      unit: 'events/s',
      baseline: withBaseline('raw SQLite scan + JSON.parse', rebuild.rawScan)(caseView),
      targets: [
        atLeast('≥ 250,000/s', caseView, 250_000),
        atLeast('≥ 0.5 × raw scan', caseView / rebuild.rawScan, 0.5),
      ],
      detail: {
        ...Object.fromEntries(
          Object.entries(rebuild.rebuild).map(([name, rate]) => [`rebuild:${name}`, Math.round(rate)]),
        ),
        rawScanPerCpuSecond: Math.round(rebuild.rawScanPerCpuSecond),
        ...Object.fromEntries(
          Object.entries(rebuild.rebuildPerCpuSecond).map(([name, rate]) => [
            `rebuildPerCpuSecond:${name}`,
            Math.round(rate),
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(rebuild.rebuildLongestStallMs).map(([name, ms]) => [`longestStallMs:${name}`, ms]),
        ),
      },
    },
    asOfP50: {
      label: 'as-of replay of a 30-event case, p50 (10 connections, the run after a first one)',
      value: service.asOf.latencyP50Ms,
      unit: 'ms',
      targets: [],
      detail: loadDetail(service.asOf),
    },
    asOfP99: {
      label: 'as-of replay of a 30-event case, p99 (10 connections, the run after a first one)',
      value: service.asOf.latencyP99Ms,
      unit: 'ms',
      targets: [atMost('≤ 2 ms', service.asOf.latencyP99Ms, 2)],
      detail: {
        requestsPerSecond: Math.round(service.asOf.perSecond),
        firstRunP50Ms: service.asOfFirstRun.latencyP50Ms,
        firstRunP99Ms: service.asOfFirstRun.latencyP99Ms,
        // Whether a slow phase is a service slower a GET or one kept waiting (by other threads and processes on the cores).
        serviceEventLoopCpuPerGetUs: Math.round(
          (1e6 * service.asOfServiceCpu.eventLoopSeconds) / service.asOf.requests,
        ),
        serviceCpuPerGetUs: Math.round((1e6 * service.asOfServiceCpu.processSeconds) / service.asOf.requests),
        trivialRouteSameClientP50Ms: Number(trivialLatency.p50Ms.toFixed(3)),
        trivialRouteSameClientP99Ms: Number(trivialLatency.p99Ms.toFixed(3)),
        trivialRouteSameClientPerSecond: Math.round(
          (trivialLatency.requests - trivialLatency.non2xx) / trivialLatency.seconds,
        ),
      },
    },
    rssIdle: {
      label: `RSS of the service, idle, ${events} events stored`,
      value: service.idleRssBytes / MB,
      unit: 'MB',
      targets: [atMost('≤ 250 MB', service.idleRssBytes / MB, 250)],
    },
    rssUnderLoad: {
      label: `RSS of the service, highest under submission load (every run, the feed rounds too), ${events} events`,
      value: service.loadRssBytes / MB,
      unit: 'MB',
      targets: [atMost('≤ 250 MB', service.loadRssBytes / MB, 250)],
      detail: { firstRunsMB: Math.round(service.firstRunsRssBytes / MB) },
    },
    coldStart: {
      label: `cold start to first 200, ${events} events stored`,
      value: service.coldStartMs / 1000,
      unit: 's',
      targets: [atMost('≤ 2 s', service.coldStartMs / 1000, 2)],
    },
  };
}

/**
 * The service's runs of submissions without feed followers, in order: the one after the first
 * (the feed's first run before), then the run after each feed round (each stream round's run
 * before is the one after it). Their median is the submissions figure: one 10 s run on this
 * machine can be a third slower than the next.
 */
function runsWithoutFollowers(service: ServicePhase): LoadFigure[] {
  const after = (feed: FeedImpact) => feed.rounds.map((round) => round.withoutAfter);
  return [service.submissions, ...after(service.feed), ...after(service.feedStream)];
}

/**
 * Submissions while the feed's followers tail the log (issue 18): the median of the rounds, each
 * against the runs without followers just before and after it.
 */
function feedFigure(feed: FeedImpact): Figure {
  const followers =
    feed.mode === 'stream'
      ? `${feed.clients} feed clients following the Server-Sent Events stream (${feed.encoding})`
      : `${feed.clients} long-polling feed clients (limit ${feed.limit}, ${feed.encoding}) tailing the log`;
  const { median, rounds } = feed;
  const sum = (of: (round: FeedRound) => number) => rounds.reduce((total, round) => total + of(round), 0);
  return {
    label: `HTTP submissions with ${followers}, median of ${rounds.length} rounds`,
    value: median.withFollowers.perSecond,
    unit: 'req/s',
    baseline: withBaseline(
      'the same without feed clients (mean of the runs just before and after that round)',
      (median.before.perSecond + median.withoutAfter.perSecond) / 2,
    )(median.withFollowers.perSecond),
    targets: [atLeast('≥ 0.9 × without (slowed ≤ 10 %)', median.ratio, 0.9)],
    detail: {
      ...loadDetail(median.withFollowers),
      withoutBeforePerSecond: Math.round(median.before.perSecond),
      withoutAfterPerSecond: Math.round(median.withoutAfter.perSecond),
      roundRatios: rounds.map((round) => round.ratio.toFixed(3)).join(' / '),
      roundsPerSecondWithoutWith: [
        Math.round(rounds[0].before.perSecond),
        ...rounds.flatMap((round) => [
          Math.round(round.withFollowers.perSecond),
          Math.round(round.withoutAfter.perSecond),
        ]),
      ].join(' / '),
      feedRequests: sum((round) => round.followers.requests),
      feedItemsReceived: sum((round) => round.followers.events),
      feedFailures: sum((round) => round.followers.failures),
      slowestFollowerBehindHead: Math.max(...rounds.map((round) => round.slowestLag)),
      followersCpuSeconds: Math.round(sum((round) => round.followers.cpuSeconds) * 100) / 100,
    },
  };
}
