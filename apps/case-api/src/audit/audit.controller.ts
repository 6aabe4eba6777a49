import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseReplayCache, EVENT_STORE, applicationHistory } from '@app/application';
import { verifyStream, type TamperEvidence } from '@app/integrity';
import { applicationStreamName } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { Roles } from '../auth/roles.decorator';
import { QUERY_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../http/dto/params.dto';
import { AuditEventsDto } from './audit.dto';
import { AuditEventsQueryDto, HistoryQueryDto } from './audit-queries.dto';
import { HistoryDto, VerificationDto } from './history.dto';
import { unknownApplication } from '../case/read/case-reads.controller';
import { TAMPER_EVIDENCE } from './audit-trail.tokens';
import { caseEventsFor, logPageFor } from './auditor-events';
import { PersonalDataAccess } from './access-log/personal-data-access';
import { CurrentCaller, type Caller } from '../auth/current-caller.decorator';
import type { AuthenticatedRequest } from '../auth/api-key.refusal';

/** What Fastify sends with a serialised object: a pre-serialised answer goes out the same way. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Auditors' reads: a case's events, the case as of a point in time, the chain check, the global feed. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(QUERY_PROBLEMS)
@Controller('v1')
@Roles('auditor')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TAMPER_EVIDENCE) private readonly evidence: TamperEvidence,
    private readonly access: PersonalDataAccess,
    private readonly replays: CaseReplayCache,
  ) {}

  @Get('applications/:id/history')
  @ApiOperation({
    summary: 'The events of one application; with asOf or revision, the ApplicationView as it stood then',
    description:
      'Identifying personal data in the events is redacted unless personalData=include, which is first recorded in the access log (GET /v1/audit/access-log) with `reason`; 503 and no data when it cannot be. The point-in-time view is folded from the stream prefix by the domain, not read from a read model, and holds no personal data.',
  })
  @ApiOkResponse({ type: HistoryDto })
  history(
    @Param() { id }: ApplicationIdParamDto,
    @Query() query: HistoryQueryDto,
    // The request as it is (its principal set by the guard), not through @CurrentCaller: Nest puts a
    // custom decorator's value through the pipes, half a dozen promises on every as-of replay.
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Buffer | Promise<Buffer | { events: unknown[] }> {
    if (query.asOf === undefined && query.revision === undefined) return this.caseEvents(id, query, request);
    const at = query.asOf !== undefined ? { asOf: query.asOf } : { revision: query.revision as number };
    // A held case unchanged at the store's head is answered without a promise (most replays); otherwise it is read.
    const held = this.replays.heldViewJsonBytesAt(id, at);
    if (held !== undefined) return viewAnswer(id, held, reply);
    return this.replays.viewJsonBytesAt(id, at).then((json) => viewAnswer(id, json, reply));
  }

  private async caseEvents(id: string, query: HistoryQueryDto, request: AuthenticatedRequest) {
    const events = await applicationHistory(this.store, id);
    if (query.personalData === 'include') await this.access.recorderFor(request, query.reason)(events);
    return { events: caseEventsFor(events, query.personalData) };
  }

  @Get('applications/:id/verification')
  @ApiOperation({
    summary: 'Check one application against its hash chain and the last signed digest; name the first broken revision',
    description:
      'The chain catches an edited, swapped or deleted event; the signed digest also catches a truncated stream or one rewritten with recomputed hashes.',
  })
  @ApiOkResponse({ type: VerificationDto })
  async verification(@Param() { id }: ApplicationIdParamDto) {
    return verifyStream(applicationStreamName(id), await applicationHistory(this.store, id), this.evidence);
  }

  @Get('audit/events')
  @ApiOperation({
    summary: 'The global log, oldest first, paged by position',
    description:
      "Identifying personal data in the events is redacted unless personalData=include, which is first recorded in the access log (GET /v1/audit/access-log: one access event per page, naming every case in it) with `reason`; 503 and no data when it cannot be. The access log's own events (accesslog-<day> streams) are part of the global log.",
  })
  @ApiOkResponse({ type: AuditEventsDto })
  async events(@Query() query: AuditEventsQueryDto, @CurrentCaller() { request }: Caller) {
    const events = await this.store.readAll({ after: query.after, limit: query.limit });
    if (query.personalData === 'include') await this.access.recorderFor(request, query.reason)(events);
    return {
      events: await logPageFor(this.store, events, query.personalData),
      nextAfter: events.at(-1)?.position ?? query.after,
    };
  }
}

/**
 * The view's JSON text, serialised once per point in time of a held case, sent as Fastify would
 * serialise the view (the same bytes each time: neither Fastify nor Node encodes or copies a Buffer
 * body again); an application that did not exist then is APPLICATION_NOT_FOUND.
 */
function viewAnswer(id: string, json: Buffer | null, reply: FastifyReply): Buffer {
  if (json === null) throw unknownApplication(id);
  void reply.type(JSON_CONTENT_TYPE);
  return json;
}
