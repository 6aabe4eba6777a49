import type { Metric, Registry } from 'prom-client';

/** Upper bounds of `http_request_duration_seconds`, in seconds. */
export const HTTP_LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

type SeriesLabels = Readonly<{ method: string; route: string; status: string }>;

/** One method, route template and status: its count, the sum of its durations, and its count per bucket (not cumulative). */
type Series = { readonly labels: SeriesLabels; count: number; sum: number; readonly buckets: number[] };

/** A value as prom-client's registry formats it (`Registry.getMetricsAsString`, `getMetricsAsJSON`). */
type ExportedValue = Readonly<{
  labels: Record<string, string | number>;
  sharedLabels?: SeriesLabels;
  value: number;
  metricName?: string;
  exemplar?: null;
}>;

type Exported = Readonly<{ name: string; help: string; type: string; values: ExportedValue[]; aggregator: 'sum' }>;

/**
 * `http_requests_total` and `http_request_duration_seconds` (method, route template, status), as
 * prom-client's Counter and Histogram export them, recorded without allocating: a request finds its
 * series through three maps keyed by values that are the same strings each time (the route
 * template, the method) and its status, then adds to numbers. prom-client's `inc` and `observe` built
 * a label object, a hash string and a value pair for every request (~6 µs an as-of GET,
 * 2026-12-06). `http-request.metrics.spec.ts` holds the text and JSON exports equal to
 * prom-client's for the same requests.
 */
export class HttpRequestMetrics {
  private readonly series: Series[] = [];
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();

  constructor(registry: Registry) {
    registry.registerMetric(
      this.exported('http_requests_total', 'HTTP requests by method, route template and status', 'counter', () =>
        this.series.map((series) => ({ value: series.count, labels: series.labels })),
      ),
    );
    registry.registerMetric(
      this.exported(
        'http_request_duration_seconds',
        'HTTP request latency by method, route template and status',
        'histogram',
        () => this.series.flatMap(histogramValues),
      ),
    );
  }

  /** Counts one answered request and its duration. */
  observe(method: string, route: string, status: number, seconds: number): void {
    if (!Number.isFinite(seconds)) throw new TypeError(`Value is not a valid number: ${seconds}`);
    const series = this.seriesOf(method, route, status);
    series.count += 1;
    series.sum += seconds;
    for (let bucket = 0; bucket < HTTP_LATENCY_BUCKETS.length; bucket++) {
      if (seconds > HTTP_LATENCY_BUCKETS[bucket]) continue;
      series.buckets[bucket] += 1;
      return;
    }
  }

  private seriesOf(method: string, route: string, status: number): Series {
    let byMethod = this.byRoute.get(route);
    if (byMethod === undefined) this.byRoute.set(route, (byMethod = new Map<string, Map<number, Series>>()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map<number, Series>()));
    let series = byStatus.get(status);
    if (series === undefined) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: HTTP_LATENCY_BUCKETS.map(() => 0),
      };
      byStatus.set(status, series);
      this.series.push(series);
    }
    return series;
  }

  private exported(name: string, help: string, type: string, values: () => ExportedValue[]): Metric {
    const exported = (): Exported => ({ name, help, type, values: values(), aggregator: 'sum' });
    const metric = {
      name,
      help,
      type,
      aggregator: 'sum',
      getForPromString: () => Promise.resolve(exported()),
      get: () => Promise.resolve(type === 'histogram' ? splayed(exported()) : exported()),
      reset: () => {
        this.series.length = 0;
        this.byRoute.clear();
      },
    };
    return metric as unknown as Metric;
  }
}

/** A series as prom-client's Histogram exports it: cumulative buckets, +Inf, sum, count. */
function histogramValues(series: Series): ExportedValue[] {
  const bucketName = 'http_request_duration_seconds_bucket';
  let cumulative = 0;
  const values: ExportedValue[] = HTTP_LATENCY_BUCKETS.map((bound, index) => {
    cumulative += series.buckets[index];
    return {
      labels: { le: bound },
      sharedLabels: series.labels,
      value: cumulative,
      metricName: bucketName,
      exemplar: null,
    };
  });
  values.push(
    {
      labels: { le: '+Inf' },
      sharedLabels: series.labels,
      value: series.count,
      metricName: bucketName,
      exemplar: null,
    },
    { labels: {}, sharedLabels: series.labels, value: series.sum, metricName: 'http_request_duration_seconds_sum' },
    { labels: {}, sharedLabels: series.labels, value: series.count, metricName: 'http_request_duration_seconds_count' },
  );
  return values;
}

/** `Histogram.get()`: each value's series labels merged into its own. */
const splayed = (exported: Exported): Exported => ({
  ...exported,
  values: exported.values.map(({ sharedLabels, labels, ...value }) => ({
    ...value,
    labels: { ...labels, ...sharedLabels },
  })),
});
