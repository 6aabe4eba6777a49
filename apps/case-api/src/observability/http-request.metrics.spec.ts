import { Counter, Histogram, Registry } from 'prom-client';
import { HTTP_LATENCY_BUCKETS, HttpRequestMetrics } from './http-request.metrics';

type Request = [method: string, route: string, status: number, seconds: number];

/** The two metrics as prom-client's own Counter and Histogram kept them before. */
function promClientRegistry(requests: readonly Request[]): Registry {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'];
  const counter = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames,
    buckets: [...HTTP_LATENCY_BUCKETS],
    registers: [registry],
  });
  for (const [method, route, status, seconds] of requests) {
    const labels = { method, route, status: String(status) };
    counter.inc(labels);
    histogram.observe(labels, seconds);
  }
  return registry;
}

function fastRegistry(requests: readonly Request[]): Registry {
  const registry = new Registry();
  const metrics = new HttpRequestMetrics(registry);
  for (const request of requests) metrics.observe(...request);
  return registry;
}

/** Deterministic pseudo-random requests over a few routes, methods and statuses, durations on and between bounds. */
function requests(count: number, seed: number): Request[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const routes = ['/v1/applications/:id/history', '/v1/feed', 'unmatched', '/v1/applications', '/metrics'];
  const durations = () => {
    const pick = next();
    if (pick < 0.3) return HTTP_LATENCY_BUCKETS[Math.floor(next() * HTTP_LATENCY_BUCKETS.length)];
    if (pick < 0.4) return 5 + next() * 10;
    return next() * 0.2;
  };
  return Array.from({ length: count }, () => [
    next() < 0.8 ? 'GET' : 'POST',
    routes[Math.floor(next() * routes.length)],
    [200, 201, 400, 404, 429, 503][Math.floor(next() * 6)],
    durations(),
  ]);
}

describe('HttpRequestMetrics: the request counter and latency histogram, exported as prom-client exported them', () => {
  it.each([1, 7, 42])(
    'gives the same /metrics text and JSON as prom-client for the same requests (seed %i)',
    async (seed) => {
      const sent = requests(2_000, seed);
      const expected = promClientRegistry(sent);
      const actual = fastRegistry(sent);
      expect(await actual.metrics()).toBe(await expected.metrics());
      expect(await actual.getMetricsAsJSON()).toEqual(await expected.getMetricsAsJSON());
    },
  );

  it('exports both metrics, with no series, before any request', async () => {
    expect(await fastRegistry([]).metrics()).toBe(await promClientRegistry([]).metrics());
  });

  it('refuses a duration that is not a finite number, as prom-client does', () => {
    const metrics = new HttpRequestMetrics(new Registry());
    expect(() => metrics.observe('GET', '/metrics', 200, Number.NaN)).toThrow(TypeError);
  });

  it('forgets its series when the registry resets its metrics', async () => {
    const registry = fastRegistry(requests(10, 3));
    registry.resetMetrics();
    expect(await registry.metrics()).toBe(await promClientRegistry([]).metrics());
  });
});
