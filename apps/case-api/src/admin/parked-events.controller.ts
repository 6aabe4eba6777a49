import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandPipeline, parkingDecisionDecider, parkingStreamName } from '@app/application';
import { ParkingActionError, ProjectionRunner, type ParkedEvent, type ParkingRefusal } from '@app/projections';
import { CurrentCaller, type Caller } from '../auth/current-caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems, COMMAND_PROBLEMS, QUERY_PROBLEMS } from '../docs/api-problems.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import {
  ParkedEventDto,
  ParkedEventIdParamDto,
  ParkedEventsPageDto,
  ParkedEventsQueryDto,
  ParkingDecisionDto,
} from './parked.dto';
import { ProblemError, problemType } from '../http/problem/problem';
import { CommandInterceptor } from '../http/idempotency/command.interceptor';

const REFUSAL_STATUS: Record<ParkingRefusal, number> = {
  'not-found': 404,
  resolved: 409,
  'not-here': 409,
  'order-only': 409,
  rebuilding: 409,
  'still-failing': 409,
};

/**
 * The dead-letter list (DESIGN.md): what the read models and processes of this instance parked,
 * and the admin's retry or skip. Every decision is first recorded in the log (who, why), then
 * carried out: an auditor sees every parked event an operator let pass.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/admin/parked')
@Roles('admin')
export class ParkedEventsController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly pipeline: CommandPipeline,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Events the read models and processes parked, oldest first' })
  @ApiOkResponse({ type: ParkedEventsPageDto })
  @ApiProblems(QUERY_PROBLEMS)
  list(@Query() { state, after, limit }: ParkedEventsQueryDto): ParkedEventsPageDto {
    const items = this.runner.parking.events.list({ state, after, limit });
    return { items, nextAfter: items.length === limit ? items[items.length - 1].id : null };
  }

  @UseInterceptors(CommandInterceptor)
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a parked event back to its worker',
    description:
      'A read model is rebuilt (the new generation replays the log in order, this event included, while the current one serves); a process handles the event again now. Recorded in the log as ParkedEventRetried. 409 when it was already resolved, its worker handles events in the log order only (intake numbering, C3: skip it), a rebuild runs, or the retry failed again (then it is parked again).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ParkedEventDto })
  @ApiProblems(COMMAND_PROBLEMS)
  async retry(
    @Param() { id }: ParkedEventIdParamDto,
    @Body() { reason }: ParkingDecisionDto,
    @CurrentCaller() caller: Caller,
  ) {
    await this.record('retry', this.parked(id), reason, caller);
    return this.refusable(() => this.runner.retryParked(id, { by: caller.principal.id, reason }));
  }

  @UseInterceptors(CommandInterceptor)
  @Post(':id/skip')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Let the worker pass over a parked event for good (recorded in the log as ParkedEventSkipped)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ParkedEventDto })
  @ApiProblems(COMMAND_PROBLEMS)
  async skip(
    @Param() { id }: ParkedEventIdParamDto,
    @Body() { reason }: ParkingDecisionDto,
    @CurrentCaller() caller: Caller,
  ) {
    await this.record('skip', this.parked(id), reason, caller);
    return this.refusable(async () => this.runner.parking.skip(id, { by: caller.principal.id, reason }));
  }

  private parked(id: number): ParkedEvent {
    try {
      return this.runner.parking.parked(id);
    } catch (error) {
      throw asProblem(error);
    }
  }

  private async record(decision: 'retry' | 'skip', parked: ParkedEvent, reason: string, caller: Caller): Promise<void> {
    const { handler, eventId, position, streamName, type: eventType, attempts } = parked;
    const command = {
      type: 'RecordParkingDecision' as const,
      data: { decision, parked: { handler, eventId, position, streamName, eventType, attempts, reason } },
    };
    await this.pipeline.run(
      parkingDecisionDecider,
      parkingStreamName(handler, eventId),
      command,
      this.contexts.create(caller.request, caller.principal, 'admin'),
    );
  }

  private async refusable(action: () => Promise<ParkedEvent>): Promise<ParkedEvent> {
    try {
      return await action();
    } catch (error) {
      throw asProblem(error);
    }
  }
}

function asProblem(error: unknown): unknown {
  if (!(error instanceof ParkingActionError)) return error;
  const status = REFUSAL_STATUS[error.refusal];
  return new ProblemError({
    type: problemType(`parked-event-${error.refusal}`),
    title: status === 404 ? 'Not Found' : 'Conflict',
    status,
    code: `parked-event-${error.refusal}`,
    detail: error.message,
  });
}
