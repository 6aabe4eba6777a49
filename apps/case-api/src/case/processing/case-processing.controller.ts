import type { FastifyReply } from 'fastify';
import { Body, Controller, HttpCode, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import { deterministicUuid } from '@app/integrity';
import { easternDateOf } from '@app/domain';
import { CallerReply, callerOf, type Caller } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { ApiOptionalBody } from '../../docs/optional-body.decorator';
import { ApplicationIdParamDto, ExtensionParamsDto } from '../../http/dto/params.dto';
import { ApplicationViewDto } from '../application-view.dto';
import { DecideExtensionDto, ExtensionCreatedDto, RequestExtensionDto } from './extension.dto';
import { IssueBiometricInstructionLetterDto, RecordBiometricsDto } from './biometrics.dto';
import { IssueWorkPermitDto } from './work-permit.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { instantOrNow } from '../instants';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** Biometrics (B1–B5), permit issuance (section 9, I1–I3, M1–M5) and extensions (X1–X3). */
@ApiTags('applications')
@ApiBearerAuth()
@ApiProblems(COMMAND_PROBLEMS)
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications/:id')
export class CaseProcessingController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('biometric-instruction-letters')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Issue a biometric instruction letter by hand (B4)' })
  @ApiOptionalBody(IssueBiometricInstructionLetterDto)
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async issueLetter(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: IssueBiometricInstructionLetterDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = { issuedAt: instantOrNow(body.issuedAt, 'issuedAt', this.clock.now()), automatic: false };
    return this.view(id, { type: 'IssueBiometricInstructionLetter', data }, 'officer', caller);
  }

  @Post('biometrics')
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({ summary: 'Report that biometrics were enrolled' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async recordBiometrics(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: RecordBiometricsDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const data = { enrolledAt: instantOrNow(body.enrolledAt, 'enrolledAt', this.clock.now()), location: body.location };
    return this.view(id, { type: 'RecordBiometricsEnrolment', data }, 'intake', caller);
  }

  @Post('work-permit')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Issue the work permit of an approved application (GCMS coding of section 9)' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async issuePermit(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: IssueWorkPermitDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const medical = {
      examCompleted: body.medical.examCompleted,
      designatedCountry: body.medical.designatedCountry,
      result: body.medical.result,
    };
    return this.view(id, { type: 'IssueWorkPermit', data: { issuedOn: body.issuedOn, medical } }, 'officer', caller);
  }

  @Post('extensions')
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({ summary: 'Request an extension while the PR application is in processing (X1, X2)' })
  @ApiCreatedResponse({ type: ExtensionCreatedDto })
  async requestExtension(
    @Param() { id }: ApplicationIdParamDto,
    @Body() body: RequestExtensionDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    let extensionId = '';
    const prApplication = {
      number: body.prApplication.number,
      submittedOn: body.prApplication.submittedOn,
      aorReceivedOn: body.prApplication.aorReceivedOn,
    };
    await this.runner.run({
      applicationId: id,
      command: (context) => {
        extensionId = deterministicUuid(`extension:${context.commandId}`);
        return { type: 'RequestExtension', data: { extensionId, requestedOn: body.requestedOn, prApplication } };
      },
      role: 'intake',
      caller,
    });
    return { extensionId };
  }

  @Post('extensions/:extensionId/decision')
  @HttpCode(201)
  @Roles('officer')
  @ApiOperation({ summary: 'Approve (1–36 months, default 12, passport-capped) or refuse an extension (X3)' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  async decideExtension(
    @Param() { id, extensionId }: ExtensionParamsDto,
    @Body() body: DecideExtensionDto,
    @CallerReply() reply: FastifyReply,
  ) {
    const caller = callerOf(reply);
    const decidedOn = easternDateOf(this.clock.now().toISOString());
    const data = { extensionId, decidedOn, outcome: body.outcome, months: body.months, reasons: body.reasons };
    return this.view(id, { type: 'DecideExtension', data }, 'officer', caller);
  }

  private async view(
    applicationId: string,
    command: Parameters<ApplicationCommandRunner['run']>[0]['command'],
    role: 'intake' | 'officer',
    caller: Caller,
  ) {
    return (await this.runner.run({ applicationId, command, role, caller })).view;
  }
}
