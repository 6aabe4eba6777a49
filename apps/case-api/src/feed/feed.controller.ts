import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE } from '@app/application';
import type { EventStore } from '@app/event-store';
import { Roles } from '../auth/roles.decorator';
import { CurrentCaller, type Caller } from '../auth/current-caller.decorator';
import { QUERY_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { NoRequestTimeout } from '../http/limits/no-request-timeout.decorator';
import { FeedPageDto, FeedQueryDto, FeedStreamQueryDto } from './feed.dto';
import { FEED_LINGER_MS, feedReaderOf, waitForFeedPage } from './change-feed';
import { FEED_PAGE_CONTENT_TYPE, type FeedPage } from './feed-page';
import { acceptsGzip, CONTENT_ENCODING, GZIP_MIN_BYTES, gzipOffLoop, VARY } from './feed-compression';
import { FeedShutdown } from './feed-shutdown';
import { FeedTail } from './feed-tail';
import { HEARTBEAT_MS, resumePositionOf, streamFeed } from './feed-stream';
import { PersonalDataAccess } from '../audit/access-log/personal-data-access';

/** The answer's encoding follows the request's Accept-Encoding (gzip shrinks a feed page 14–33 times). */
const ENCODING_HEADERS = {
  'Content-Encoding': {
    description: `gzip when the request's Accept-Encoding accepts it (HTTP clients send it unasked) and, for a page, its body is ${GZIP_MIN_BYTES} bytes or more; absent otherwise.`,
    required: false,
    schema: { type: 'string', enum: ['gzip'] },
  },
  Vary: { description: 'Accept-Encoding: the encoding depends on it.', required: true, schema: { type: 'string' } },
};
const ACCEPT_ENCODING = {
  name: 'Accept-Encoding',
  required: false,
  description:
    'With gzip (fetch, browsers and curl --compressed send it unasked), the answer may come gzipped: see Content-Encoding.',
};

/** The change feed for integrations (shared/API.md): every application event, in log order. */
@ApiTags('feed')
@ApiBearerAuth()
@ApiProblems(QUERY_PROBLEMS)
@Controller('v1/feed')
@Roles('intake', 'officer', 'auditor')
export class FeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly shutdown: FeedShutdown,
    private readonly access: PersonalDataAccess,
    private readonly tail: FeedTail,
  ) {}

  @Get()
  @NoRequestTimeout()
  @ApiOperation({
    summary: 'The events of every application after a position, oldest first; optionally long-polls',
    description:
      "At least once and resumable from any position: pass `nextAfter` as the next `after`. Only application streams are listed. Identifying personal data is redacted as on GET /v1/audit/events; only an auditor may lift it with personalData=include. Case notes (CaseNoteAdded) are left out of an intake caller's feed (H1: notes are never shown to intake). With waitSeconds, an empty page waits until an event arrives or the time runs out; a page that is not full (fewer than limit events) gathers what follows for up to 250 ms after its first event reached the poll, so a client following the log gets a few pages a second, not one per commit; a full page is answered at once.",
  })
  @ApiHeader(ACCEPT_ENCODING)
  @ApiOkResponse({ type: FeedPageDto, headers: ENCODING_HEADERS })
  async feed(
    @Query() query: FeedQueryDto,
    @CurrentCaller() { principal, request }: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FeedPage | Buffer> {
    const reader = feedReaderOf(principal, query.personalData, this.access.recorderFor(request, query.reason));
    const answer = await waitForFeedPage(
      this.store,
      reader,
      { after: query.after, limit: query.limit, waitMs: query.waitSeconds * 1000, signal: this.shutdown.signal },
      this.tail,
    );
    void reply.header(VARY, 'Accept-Encoding');
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    if ('page' in answer && !gzip) return answer.page;
    // The shared tail's bytes are JSON.stringify(page), built (and gzipped) once for every poll at this cursor.
    const body = 'page' in answer ? Buffer.from(JSON.stringify(answer.page)) : answer.body;
    void reply.type(FEED_PAGE_CONTENT_TYPE);
    if (!gzip || body.length < GZIP_MIN_BYTES) return body;
    void reply.header(CONTENT_ENCODING, 'gzip');
    return 'page' in answer ? gzipOffLoop(body) : answer.gzipped;
  }

  @Get('stream')
  @NoRequestTimeout()
  @ApiOperation({
    summary: 'The same feed as Server-Sent Events, following the log live',
    description: `One SSE event per stored application event: \`id\` = its position, \`event\` = its type, \`data\` = the item GET /v1/feed returns (redacted the same way; no CaseNoteAdded for intake, H1). Resume after a disconnect with the Last-Event-ID header (an EventSource sends it) or ?after=. A stream at the head gets what was stored meanwhile at most ${FEED_LINGER_MS} ms after the first of it: a few writes a second, not one per commit. A comment line every ${HEARTBEAT_MS / 1000} s keeps an idle stream open. The stream ends when the client disconnects or the server shuts down; it is exempt from REQUEST_TIMEOUT_MS.`,
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id (position) of the last event received: the stream resumes after it; it wins over ?after=.',
  })
  @ApiHeader(ACCEPT_ENCODING)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless text/event-stream.',
    headers: ENCODING_HEADERS,
    content: {
      'text/event-stream': {
        schema: { type: 'string', example: 'id: 1623\nevent: ApplicationReceived\ndata: {"position":1623,…}\n\n' },
      },
    },
  })
  stream(
    @Query() query: FeedStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentCaller() { principal, request }: Caller,
    @Res() reply: FastifyReply,
  ): void {
    const after = resumePositionOf(lastEventId, query.after);
    const reader = feedReaderOf(principal, query.personalData, this.access.recorderFor(request, query.reason));
    reply.hijack();
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    void streamFeed(this.store, reader, reply.raw, { after, signal: this.shutdown.signal, gzip }, this.tail);
  }
}
