import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { Public } from '../auth/roles.decorator';

/**
 * `/health`: readiness — the store answers (within our own timeout) and no projection has
 * stopped on a poison event; 503 otherwise. `/health/live`: the process is up.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: event store reachable, projections running, their lag' })
  async readiness(@Res({ passthrough: true }) reply: FastifyReply) {
    const store = await this.store.checkHealth().then(
      () => ({ status: 'up' as const, kind: this.store.kind }),
      (error: Error) => ({ status: 'down' as const, kind: this.store.kind, detail: error.message }),
    );
    const lag = store.status === 'up' ? await this.runner.lag().catch(() => ({})) : {};
    const projections = this.runner.statuses().map((s) => ({ ...s, lag: (lag as Record<string, number>)[s.name] ?? null }));
    const ready = store.status === 'up' && projections.every((p) => p.state === 'running');
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', store, projections };
  }

  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  liveness() {
    return { status: 'ok' };
  }
}
