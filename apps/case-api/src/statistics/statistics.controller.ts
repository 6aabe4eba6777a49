import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type Database from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import { READ_MODEL_DB } from '@app/hosting';
import { quarterDates } from '@app/domain';
import { quarterlyStatistics, statisticsProjection, weeklyStatistics } from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems, QUERY_PROBLEMS } from '../docs/api-problems.decorator';
import { ReadYourWrites } from '../case/read-your-writes';
import { CSV_MEDIA_TYPE, statisticsCsv, wantsCsv } from './statistics.csv';
import {
  QuarterlyStatisticsDto,
  QuarterParamDto,
  WeeklyStatisticsDto,
  WeeklyStatisticsQueryDto,
} from './statistics.dto';

const COUNTED =
  'Counted from the statistics read model, each event in the Eastern date of its instant (T1): receipts by receivedAt, decisions by decidedAt, withdrawals by withdrawnAt, permits by issuedOn. Decisions are counted as made: one set aside under R7 and the decision that replaces it both count.';

/** Documents the JSON answer and its CSV form (`Accept: text/csv`). */
const okJsonOrCsv = (type: new () => unknown, csvExample: string) =>
  ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(type) } },
      [CSV_MEDIA_TYPE]: {
        schema: { type: 'string', description: 'RFC 4180 CSV with a header row, when Accept names text/csv.' },
        example: csvExample,
      },
    },
  });

/** H6: the weekly and quarterly reports (for MIFI), as JSON or CSV. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiExtraModels(WeeklyStatisticsDto, QuarterlyStatisticsDto)
@ApiProblems(QUERY_PROBLEMS)
@Controller('v1/statistics')
@Roles('officer', 'auditor')
export class StatisticsController {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('weekly')
  @ApiOperation({
    summary:
      'Applications submitted, approved, refused, withdrawn and permits issued per week, Monday to Sunday, Eastern (H6)',
    description: `Every week that holds a date from \`from\` to \`to\` is reported whole, oldest first, weeks without events included. ${COUNTED}`,
  })
  @okJsonOrCsv(
    WeeklyStatisticsDto,
    'weekStarting,submitted,approved,refused,withdrawn,permitsIssued\r\n2024-04-01,412,380,21,9,365\r\n',
  )
  async weekly(
    @Query() { from, to }: WeeklyStatisticsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WeeklyStatisticsDto | string> {
    await this.readYourWrites.beforeRead(statisticsProjection.name);
    const weeks = weeklyStatistics(this.db, from, to);
    if (!wantsCsv(accept)) return { weeks };
    void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`);
    return statisticsCsv(['weekStarting'], weeks);
  }

  @Get('quarterly/:year/:quarter')
  @ApiOperation({
    summary: 'The same counts for a calendar quarter, Eastern dates (H6)',
    description: COUNTED,
  })
  @okJsonOrCsv(
    QuarterlyStatisticsDto,
    'year,quarter,from,to,submitted,approved,refused,withdrawn,permitsIssued\r\n2024,2,2024-04-01,2024-06-30,5012,4630,250,104,4410\r\n',
  )
  async quarterly(
    @Param() { year, quarter }: QuarterParamDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuarterlyStatisticsDto | string> {
    await this.readYourWrites.beforeRead(statisticsProjection.name);
    const report = { year, quarter, ...quarterDates(year, quarter), ...quarterlyStatistics(this.db, year, quarter) };
    if (!wantsCsv(accept)) return report;
    void reply.header('content-type', `${CSV_MEDIA_TYPE}; charset=utf-8`);
    return statisticsCsv(['year', 'quarter', 'from', 'to'], [report]);
  }
}
