import { Agent, get } from 'node:http';

export type LatencySample = Readonly<{
  requests: number;
  non2xx: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}>;

const percentile = (sorted: readonly number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];

function timedGet(agent: Agent, url: string, headers: Record<string, string>): Promise<[number, number]> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    get(url, { agent, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve([response.statusCode ?? 0, Number(process.hrtime.bigint() - started) / 1e6]));
      response.once('error', reject);
    }).once('error', reject);
  });
}

/**
 * GETs `url` on `connections` keep-alive connections, each sending its next request when the last
 * one answered, for `seconds`; latencies are timed to the microsecond (autocannon's histogram has
 * whole milliseconds, too coarse for a 2 ms target).
 */
export async function measureLatency(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LatencySample> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const [status, ms] = await timedGet(agent, url, headers);
          if (status < 200 || status > 299) non2xx++;
          latencies.push(ms);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    non2xx,
    seconds: (performance.now() - started) / 1000,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1],
  };
}
