import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApiOptionalBody } from '../../docs/optional-body.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ApplicationViewDto } from '../application-view.dto';
import { ApproveApplicationDto, RefuseApplicationDto } from './decision.dto';
import { WithdrawApplicationDto } from './withdrawal.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { instantOrNow } from '../instants';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** Officer decisions (R1, R2) and the applicant's withdrawal (R3). */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class CaseDecisionsController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('approval')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Approve (overrides must name each failed screening finding, with a justification)' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async approve(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: ApproveApplicationDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = {
      decidedAt: this.clock.now().toISOString(),
      officerId: caller.principal.id,
      notes: body.notes,
      overrides: (body.overrides ?? []).map((o) => ({ rule: o.rule, justification: o.justification })),
    };
    const command = { type: 'ApproveApplication' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'officer', caller })).view;
  }

  @Post('refusal')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Refuse, naming each requirement not met and why (R1)' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async refuse(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: RefuseApplicationDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const reasons = body.reasons.map((r) => ({ ground: r.ground, rule: r.rule, explanation: r.explanation }));
    const data = { decidedAt: this.clock.now().toISOString(), officerId: caller.principal.id, reasons };
    const command = { type: 'RefuseApplication' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'officer', caller })).view;
  }

  @Post('withdrawal')
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({ summary: 'Withdraw before a decision (R3); it still counts against the cap' })
  @ApiOptionalBody(WithdrawApplicationDto)
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async withdraw(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: WithdrawApplicationDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = { requestedAt: instantOrNow(body.requestedAt, 'requestedAt', this.clock.now()), reason: body.reason };
    const command = { type: 'WithdrawApplication' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'intake', caller })).view;
  }
}
