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
import { RecordMedicalResultDto } from './medical-result.dto';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** I4: medical results, recorded by an officer before the decision. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class MedicalResultsController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('medical-results')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({
    summary: 'Record the medical result before the decision (I4); after a decision 409 R2_ALREADY_DECIDED',
  })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async record(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: RecordMedicalResultDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = {
      examinedOn: body.examinedOn,
      result: body.result,
      surveillance: body.surveillance ?? null,
      recordedAt: this.clock.now().toISOString(),
      officerId: caller.principal.id,
    };
    const command = { type: 'RecordMedicalResult' as const, data };
    return (await this.runner.run({ applicationId: id, command, role: 'officer', caller })).view;
  }
}
