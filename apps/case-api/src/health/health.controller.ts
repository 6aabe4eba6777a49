import { Controller, Get, HttpCode, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { API_KEY_REGISTRY, type ApiKeyRegistry } from '../auth/api-key-registry';
import { Public } from '../auth/roles.decorator';
import { UNNUMBERED_RECEIPTS_CAUSE, UnnumberedReceiptsMonitor } from './unnumbered-receipts.monitor';

/**
 * `/health`: readiness — the store answers (within our own timeout) and every read model and
 * process runs; 503 otherwise. Events a worker parked do not make the service unready: it reports
 * `degraded` with their count (the workers moved on; `GET /v1/admin/parked` lists them), and so
 * do receipts left without an intake number past UNNUMBERED_RECEIPT_ALERT_SECONDS (no process
 * numbers this log), with the count and the likely cause. Store
 * errors, checkpoints, event ids and lags are internal: only an admin's key sees them.
 * `/health/live`: the process is up.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(API_KEY_REGISTRY) private readonly keys: ApiKeyRegistry,
    private readonly unnumbered: UnnumberedReceiptsMonitor,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Readiness: event store reachable, projections running; degraded while events are parked',
    description:
      'Answers 200 with `status` `ok`, or `degraded` and `parkedEvents` > 0 when workers parked events they could not handle, or with `unnumberedReceipts` and its `cause` when receipts stay without an intake number past UNNUMBERED_RECEIPT_ALERT_SECONDS (no worker numbers this event log); 503 `unavailable` when the store does not answer or a worker is not running. With an admin key, also the store, every worker with its lag, and the parked events by worker.',
  })
  async readiness(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const store = await this.store.checkHealth().then(
      () => ({ status: 'up' as const, kind: this.store.kind }),
      (error: Error) => ({ status: 'down' as const, kind: this.store.kind, detail: error.message }),
    );
    const statuses = this.runner.statuses();
    const parkedByWorker = this.runner.parking.events.countParked();
    const parkedEvents = Object.values(parkedByWorker).reduce((sum, count) => sum + count, 0);
    const unnumberedReceipts = this.unnumbered.check();
    const overdue = unnumberedReceipts.overdue > 0;
    const ready = store.status === 'up' && statuses.every((status) => status.state === 'running');
    void reply.status(ready ? 200 : 503);
    const status = !ready ? 'unavailable' : parkedEvents > 0 || overdue ? 'degraded' : 'ok';
    const unnumbered = overdue ? { unnumberedReceipts, cause: UNNUMBERED_RECEIPTS_CAUSE } : {};
    if (!this.keys.principalOf(request)?.roles.includes('admin')) return { status, parkedEvents, ...unnumbered };
    const lag = store.status === 'up' ? await this.runner.lag().catch(() => ({})) : {};
    const projections = statuses.map((s) => ({ ...s, lag: (lag as Record<string, number>)[s.name] ?? null }));
    return { status, parkedEvents, unnumberedReceipts, ...unnumbered, store, projections, parked: parkedByWorker };
  }

  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  liveness() {
    return { status: 'ok' };
  }
}
