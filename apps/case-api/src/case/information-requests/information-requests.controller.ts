import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import { deterministicUuid } from '@app/integrity';
import type { InformationRequestRecord } from '@app/domain';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ApplicationViewDto } from '../application-view.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import {
  InformationRequestCreatedDto,
  InformationRequestParamsDto,
  RecordInformationResponseDto,
  RequestInformationDto,
} from './information-request.dto';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** H2, H3: requests for information and procedural-fairness letters, and the applicant's responses. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id/information-requests')
export class InformationRequestsController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({
    summary:
      'Ask for documents or answers, or send a procedural-fairness letter (H2, H3); due in 30 days by default; 409 R2_… once decided',
  })
  @ApiCreatedResponse({ type: InformationRequestCreatedDto })
  async request(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: RequestInformationDto,
    @CallerReply() reply: FastifyReply,
  ): Promise<InformationRequestCreatedDto> {
    const caller = callerOf(reply);
    let requestId = '';
    const items = body.items.map(({ document, question }) =>
      document === undefined ? { question } : { document, question },
    );
    const { outcome } = await this.runner.run({
      applicationId: id,
      command: (context) => {
        requestId = deterministicUuid(`information-request:${context.commandId}`);
        const data = {
          requestId,
          kind: body.kind,
          concern: body.concern,
          items,
          requestedAt: this.clock.now().toISOString(),
          dueOn: body.dueOn,
          officerId: caller.principal.id,
        };
        return { type: 'RequestInformation', data };
      },
      role: 'officer',
      caller,
    });
    const requests: readonly InformationRequestRecord[] =
      outcome.state.status === 'new' ? [] : (outcome.state.informationRequests ?? []);
    const dueOn = requests.find((request) => request.id === requestId)?.dueOn ?? '';
    return { requestId, dueOn };
  }

  @Post(':requestId/response')
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({
    summary: 'Record the response to a request for information (H2), even after it went overdue; 409 once answered',
  })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async respond(
    @Param() { id, requestId }: InformationRequestParamsDto,
    @Body() body: RecordInformationResponseDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = { requestId, receivedAt: body.receivedAt, documents: body.documents, text: body.text ?? null };
    const command = { type: 'RecordInformationResponse' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'intake', caller })).view;
  }
}
