import { Body, Controller, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@app/application';
import type { Submission } from '@app/domain';
import { CaseViewQueries, caseViewProjection } from '@app/projections';
import type { FastifyReply } from 'fastify';
import { CallerReply, callerOf } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/roles.decorator';
import { COMMAND_PROBLEMS, ApiProblems } from '../../docs/api-problems.decorator';
import { CommandContextFactory } from '../../http/command-context.factory';
import { ApplicationViewDto } from '../application-view.dto';
import { ApplicationCommandRunner } from '../application-command.runner';
import { ReadYourWrites } from '../read-your-writes';
import { SUBMIT_APPLICATION_EXAMPLES } from './submit-application.examples';
import { SubmitApplicationDto } from './submit-application.dto';
import { receivedAtOf, toSubmission } from './submission.mapper';
import { CommandInterceptor } from '../../http/idempotency/command.interceptor';

/** Intake's submission of an application (principal, spouse or dependent child): screened at receipt (section 2). */
@ApiTags('applications')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('v1/applications')
export class SubmitApplicationController {
  constructor(
    private readonly runner: ApplicationCommandRunner,
    private readonly contexts: CommandContextFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caseViews: CaseViewQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({ summary: 'Submit an application (principal, spouse or dependent child)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 200 characters; a retry with the same key and body appends nothing',
  })
  @ApiBody({ type: SubmitApplicationDto, examples: SUBMIT_APPLICATION_EXAMPLES })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  @ApiProblems(COMMAND_PROBLEMS)
  async submit(@Body() body: SubmitApplicationDto, @CallerReply() reply: FastifyReply) {
    const caller = callerOf(reply);
    const applicationId = body.applicationId ?? this.contexts.newApplicationId(caller.request, caller.principal);
    const submission = toSubmission(body);
    const familyBiometricFeesPaid = await this.familyBiometricFeesPaid(submission, applicationId);
    const command = {
      type: 'SubmitApplication' as const,
      data: {
        applicationId,
        receivedAt: receivedAtOf(body, this.clock.now()),
        submission,
        ...(familyBiometricFeesPaid === undefined ? {} : { familyBiometricFeesPaid }),
      },
    };
    const { view } = await this.runner.run({ applicationId, command, role: 'intake', caller });
    return view;
  }

  /**
   * M11: what a family member's family (the principal and every member linked to it, this one
   * aside) already paid in biometric fees, from the case view once it shows every write this
   * instance answered; nothing for a principal.
   */
  private async familyBiometricFeesPaid(submission: Submission, applicationId: string): Promise<number | undefined> {
    const principalId = submission.principalApplicationId;
    if (submission.applicantType === 'principal' || !principalId) return undefined;
    await this.readYourWrites.beforeRead(caseViewProjection.name);
    return this.caseViews.family.biometricFeesPaid(principalId, applicationId);
  }
}
