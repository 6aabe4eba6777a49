import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandObserver, CommandPipeline, CommandResult } from '@app/application';
import type { ProjectionRunner } from '@app/projections';
import type { UnnumberedReceiptsMonitor } from '../health/unnumbered-receipts.monitor';
import { HttpRequestMetrics } from './http-request.metrics';

/**
 * The service's Prometheus metrics, in a registry of its own (not prom-client's global one), so
 * that several app instances in one process (tests) never collide. Labels are route templates
 * and type names only: no ids, no personal data, bounded cardinality.
 */
export class ServiceMetrics implements CommandObserver {
  readonly registry = new Registry();
  /** `http_requests_total` and `http_request_duration_seconds`, registered first as before. */
  private readonly http = new HttpRequestMetrics(this.registry);
  private readonly commands = new Counter({
    name: 'commands_total',
    help: 'Commands by type and outcome (accepted, already-applied, refused, conflict, failed)',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  constructor(runner: ProjectionRunner, pipeline: CommandPipeline, unnumbered: UnnumberedReceiptsMonitor) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'unnumbered_receipts',
      help: 'C3: receipts awaiting their intake number; overdue: past UNNUMBERED_RECEIPT_ALERT_SECONDS (no worker numbers this log)',
      labelNames: ['measure'],
      registers: [this.registry],
      collect() {
        const { count, overdue } = unnumbered.check();
        this.set({ measure: 'count' }, count);
        this.set({ measure: 'overdue' }, overdue);
      },
    });
    new Gauge({
      name: 'unnumbered_receipt_oldest_age_seconds',
      help: 'C3: how long the oldest receipt without an intake number has waited since the log recorded it (0: none)',
      registers: [this.registry],
      collect() {
        this.set(unnumbered.check().oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'stream_cache',
      help: "The command pipeline's stream-state cache: entries held and the most it holds (STREAM_CACHE_ENTRIES), and hits, misses and evictions since start",
      labelNames: ['measure'],
      registers: [this.registry],
      collect() {
        const stats = pipeline.cacheStats();
        if (!stats) return;
        for (const [measure, value] of Object.entries(stats)) this.set({ measure }, value);
      },
    });
    const parked = new Counter({
      name: 'parked_events_total',
      help: 'Events a read model or process could not handle and parked (then moved on), by worker',
      labelNames: ['handler'],
      registers: [this.registry],
    });
    runner.parking.onParked((event) => parked.inc({ handler: event.handler }));
    new Gauge({
      name: 'parked_events',
      help: 'Events still parked (neither retried nor skipped), by worker',
      labelNames: ['handler'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [handler, count] of Object.entries(runner.parking.events.countParked()))
          this.set({ handler }, count);
      },
    });
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the global log that a projection has not read yet',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        const lag = await runner.lag().catch(() => null);
        for (const status of runner.statuses()) this.set({ projection: status.name }, lag?.[status.name] ?? -1);
      },
    });
    new Gauge({
      name: 'projection_running',
      help: '1 while a projection is running, 0 when it is retrying, failed or stopped',
      labelNames: ['projection'],
      registers: [this.registry],
      collect() {
        for (const status of runner.statuses())
          this.set({ projection: status.name }, status.state === 'running' ? 1 : 0);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.http.observe(method, route, status, seconds);
  }

  commandHandled(type: string, result: CommandResult): void {
    this.commands.inc({ type, outcome: result });
  }
}
