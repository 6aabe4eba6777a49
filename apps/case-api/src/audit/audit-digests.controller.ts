import { Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DigestTamperedError } from '@app/integrity';
import { Roles } from '../auth/roles.decorator';
import { BODYLESS_COMMAND_PROBLEMS, ApiProblems } from '../docs/api-problems.decorator';
import { SignedDigestDto } from '../admin/admin.dto';
import { ProblemError, problemType } from '../http/problem/problem';
import { DigestScheduler } from './digest-scheduler';
import { CommandInterceptor } from '../http/idempotency/command.interceptor';

@ApiTags('audit')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('v1/admin/audit/digests')
@Roles('admin')
export class AuditDigestsController {
  constructor(private readonly scheduler: DigestScheduler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Sign a digest of the chain heads now (it is also signed periodically)',
    description:
      'Countersigns every event appended since the last digest and signs the heads of all streams with the current AUDIT_HMAC_KEYS key.',
  })
  @ApiCreatedResponse({ type: SignedDigestDto })
  @ApiProblems(BODYLESS_COMMAND_PROBLEMS)
  async sign() {
    const result = await this.scheduler.signNow().catch((error: unknown) => {
      if (!(error instanceof DigestTamperedError)) throw error;
      throw new ProblemError({
        type: problemType('digests-tampered'),
        title: 'Conflict',
        status: 409,
        detail: `Refusing to sign on top of altered digests: ${error.message}`,
      });
    });
    if (!result) {
      throw new ProblemError({
        type: problemType('nothing-to-sign'),
        title: 'Conflict',
        status: 409,
        detail: 'The event log is empty: there is nothing to sign yet',
      });
    }
    return {
      ...result.digest,
      previousSignature: undefined,
      signedEvents: result.signedEvents,
      refused: result.refused,
    };
  }
}
