import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ApplicationViewDto } from '../application-view.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { SetAsideDecisionDto } from './decision-set-aside.dto';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** R7: a decision set aside by the Federal Court on judicial review, recorded by an administrator. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class DecisionSetAsideController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('decision-set-aside')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Record a judgment setting the decision aside (R7): a permit issued on it is cancelled, the application ' +
      'is received again for a new decision; without a decision 409 R7_NO_DECISION',
  })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async setAside(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: SetAsideDecisionDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = {
      court: body.court,
      docket: body.docket,
      decidedOn: body.decidedOn,
      reason: body.reason,
      recordedAt: this.clock.now().toISOString(),
    };
    const command = { type: 'SetAsideDecision' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'admin', caller })).view;
  }
}
