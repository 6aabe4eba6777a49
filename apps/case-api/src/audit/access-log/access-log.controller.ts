import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, EVENT_STORE, readAccessLog, type Clock } from '@app/application';
import type { EventStore } from '@app/event-store';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../docs/api-problems.decorator';
import { RequestValidationError } from '../../http/problem/problem';
import { AccessLogPageDto, AccessLogQueryDto, cursorText, parseCursor } from './access-log.dto';

/** The statuses of a listing: no path id, hence no 404. */
const LISTING_PROBLEMS = [400, 401, 403, 408, 414, 429, 431, 503];

/** The access log (docs/privacy.md): who revealed whose personal data, when, through which route, and why. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(LISTING_PROBLEMS)
@Controller('v1/audit/access-log')
@Roles('auditor', 'admin')
export class AccessLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every reveal of personal data, one entry per case revealed, oldest first',
    description:
      'A request with personalData=include (history, the global log, the change feed, the audit CLI’s --include-personal-data) is recorded before its data is sent, as one PersonalDataRevealed event in the day’s accesslog-<yyyy-mm-dd> stream (UTC), hash-chained and signed like a case. A request that revealed several cases gives one entry per case. Entries hold no personal data beyond the case id.',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  async list(@Query() query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const cursor = query.cursor === undefined ? undefined : parseCursor(query.cursor);
    const errors = [
      ...(cursor === null ? [{ field: 'cursor', message: 'cursor must be a nextCursor this route returned' }] : []),
      ...(query.from !== undefined && query.to !== undefined && Date.parse(query.to) < Date.parse(query.from)
        ? [{ field: 'to', message: 'to must not be earlier than from' }]
        : []),
    ];
    if (errors.length > 0) throw new RequestValidationError(errors);
    const page = await readAccessLog(this.store, {
      applicationId: query.applicationId,
      principal: query.principal,
      from: query.from,
      to: query.to,
      now: this.clock.now().toISOString(),
      limit: query.limit,
      cursor: cursor ?? undefined,
    });
    return { entries: page.entries, nextCursor: page.next ? cursorText(page.next) : null };
  }
}
