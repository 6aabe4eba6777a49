import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CLOCK, type Clock } from '@app/application';
import { CaseViewQueries } from '@app/projections';
import { CurrentCaller, type Caller } from '../auth/current-caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { COMMAND_PROBLEMS, QUERY_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { CommandContextFactory } from '../http/command-context.factory';
import {
  ApplicationIdParamDto,
  ApplicationListDto,
  ApplicationViewDto,
  ListApplicationsQueryDto,
  SUBMIT_APPLICATION_EXAMPLES,
  SubmitApplicationDto,
} from '../http/dto';
import { ProblemError, problemType } from '../http/problem/problem';
import { etagOf } from './etag';
import { ApplicationCommandRunner } from './application-command.runner';
import { receivedAtOf, toSubmission } from './submission.mapper';


@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
export class ApplicationsController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    private readonly contexts: CommandContextFactory,
    private readonly caseViews: CaseViewQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({ summary: 'Submit an application (principal, spouse or dependent child)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 characters; a retry with the same key and body appends nothing' })
  @ApiBody({ type: SubmitApplicationDto, examples: SUBMIT_APPLICATION_EXAMPLES })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  @ApiProblems(COMMAND_PROBLEMS)
  async submit(@Body() body: SubmitApplicationDto, @CurrentCaller() caller: Caller) {
    const applicationId = body.applicationId ?? this.contexts.newApplicationId(caller.request, caller.principal);
    const command = {
      type: 'SubmitApplication' as const,
      data: { applicationId, receivedAt: receivedAtOf(body, this.clock.now()), submission: toSubmission(body) },
    };
    const { view } = await this.runner.run({ applicationId, command, role: 'intake', caller });
    return view;
  }

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Work queue: applications filtered by status, intake year and routing, cursor-paged' })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiProblems(QUERY_PROBLEMS)
  list(@Query() query: ListApplicationsQueryDto) {
    return this.caseViews.list({
      status: query.status,
      intakeYear: query.intakeYear,
      routing: query.routing,
      after: query.cursor,
      limit: query.limit,
    });
  }

  @Get(':id')
  @Roles('intake', 'officer', 'auditor')
  @ApiOperation({ summary: 'One application as the case-view read model shows it' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(QUERY_PROBLEMS)
  find(@Param() { id }: ApplicationIdParamDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const stored = this.caseViews.find(id);
    if (!stored) throw unknownApplication(id);
    void reply.header('etag', etagOf(stored.revision));
    return stored.view;
  }
}

export const unknownApplication = (id: string) =>
  new ProblemError({
    type: problemType('application-not-found'),
    title: 'Not Found',
    status: 404,
    code: 'APPLICATION_NOT_FOUND',
    detail: `No application with id ${id}`,
  });

