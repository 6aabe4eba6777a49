import { Controller, Get, HttpCode, Inject, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner, UnknownProjectionError, projectionProgress } from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { BODYLESS_COMMAND_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { ProjectionNameParamDto } from '../http/dto/params.dto';
import { ProjectionProgressDto } from './admin.dto';
import { ProblemError, problemType } from '../http/problem/problem';
import { CommandInterceptor } from '../http/idempotency/command.interceptor';

const statusUrl = (name: string) => `/v1/admin/projections/${name}`;

/** Operators' control of the read models: rebuild one from position 0 while it keeps serving. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/admin/projections')
@Roles('admin')
export class ProjectionsAdminController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @UseInterceptors(CommandInterceptor)
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read model from position 0 while the current one keeps serving',
    description:
      'Fills a new generation of the read model in the background; readers switch to it in one transaction once it has caught up, and the old tables are dropped. A request while a rebuild runs reports that rebuild. Watch progress at the Location.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiProblems(BODYLESS_COMMAND_PROBLEMS)
  @ApiAcceptedResponse({
    type: ProjectionProgressDto,
    headers: { Location: { description: 'Where to watch the rebuild', schema: { type: 'string' } } },
  })
  async rebuild(@Param() { name }: ProjectionNameParamDto, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.known(() => this.runner.rebuild(name));
    void reply.header('location', statusUrl(name));
    return projectionProgress(this.runner, this.store, name);
  }

  @Get(':name')
  @ApiOperation({ summary: 'A read model: its active generation, its lag, and the rebuild in progress if any' })
  @ApiOkResponse({ type: ProjectionProgressDto })
  async progress(@Param() { name }: ProjectionNameParamDto) {
    await this.known(async () => this.runner.status(name));
    return projectionProgress(this.runner, this.store, name);
  }

  private async known<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof UnknownProjectionError)) throw error;
      throw new ProblemError({
        type: problemType('projection-not-found'),
        title: 'Not Found',
        status: 404,
        detail: error.message,
      });
    }
  }
}
