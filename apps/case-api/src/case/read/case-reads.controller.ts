import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../auth/current-caller.decorator';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CaseViewQueries, caseViewProjection } from '@app/projections';
import { Roles } from '../../auth/roles.decorator';
import { QUERY_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ProblemError, problemType } from '../../http/problem/problem';
import { ApplicationListDto, ApplicationViewDto } from '../application-view.dto';
import { viewForCaller } from '../caller-view';
import { etagOf } from '../etag';
import { ReadYourWrites } from '../read-your-writes';
import { ListApplicationsQueryDto } from './queries.dto';

/** One case as the case-view read model shows it, and the officers' work queue; both show every write this instance answered. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
export class CaseReadsController {
  constructor(
    private readonly caseViews: CaseViewQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Roles('officer', 'auditor')
  @ApiOperation({ summary: 'Work queue: applications filtered by status, intake year and routing, cursor-paged' })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiProblems(QUERY_PROBLEMS)
  async list(@Query() query: ListApplicationsQueryDto) {
    await this.readYourWrites.beforeRead(caseViewProjection.name);
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
  @ApiOperation({
    summary: 'One application as the case-view read model shows it (notes only for officers and auditors, H1)',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(QUERY_PROBLEMS)
  async find(
    @Param() { id }: ApplicationIdParamDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentCaller() { principal }: Caller,
  ) {
    await this.readYourWrites.beforeRead(caseViewProjection.name);
    const stored = this.caseViews.find(id);
    if (!stored) throw unknownApplication(id);
    void reply.header('etag', etagOf(stored.revision));
    return viewForCaller(stored.view, principal);
  }
}

/** 404 for an application id the case view does not know. */
export const unknownApplication = (id: string) =>
  new ProblemError({
    type: problemType('application-not-found'),
    title: 'Not Found',
    status: 404,
    code: 'APPLICATION_NOT_FOUND',
    detail: `No application with id ${id}`,
  });
