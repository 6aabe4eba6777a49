import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import type { CorrectApplicantDetails } from '@app/domain';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApplicationIdParamDto } from '../../http/dto/params.dto';
import { ApplicationViewDto } from '../application-view.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { CorrectApplicantDetailsDto } from './correct-applicant-details.dto';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** H4: corrections of applicant details by an officer; screening runs again on the corrected facts. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class CorrectApplicantDetailsController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('corrections')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({
    summary:
      'Correct an applicant detail with a reason (H4); screening runs again. Until the permit is issued: ' +
      '409 H4_CASE_CLOSED on a refused or closed case, 409 H4_PERMIT_ISSUED once the permit is issued',
  })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async correct(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: CorrectApplicantDetailsDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const command = {
      type: 'CorrectApplicantDetails',
      data: {
        field: body.field,
        value: body.value,
        reason: body.reason,
        correctedAt: this.clock.now().toISOString(),
        officerId: caller.principal.id,
      },
    } as CorrectApplicantDetails;
    return (await this.runner.run({ applicationId: id, command, role: 'officer', caller })).view;
  }
}
