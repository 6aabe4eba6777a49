import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CommandPipeline, ApplicationCommandHandler, COMMAND_OBSERVER } from '@app/application';
import { READ_MODEL_DB, type HostingOverrides } from '@app/hosting';
import { ProcessesModule } from '@app/processes';
import { ProjectionRunner } from '@app/projections';
import { CaseReadsController } from './case/read/case-reads.controller';
import { SubmitApplicationController } from './case/submit/submit-application.controller';
import { ApplicationCommandRunner } from './case/application-command.runner';
import { CaseDecisionsController } from './case/decisions/case-decisions.controller';
import { CaseProcessingController } from './case/processing/case-processing.controller';
import { MedicalResultsController } from './case/medical/medical-results.controller';
import { CaseNotesController } from './case/notes/case-notes.controller';
import { CorrectApplicantDetailsController } from './case/corrections/correct-applicant-details.controller';
import { DecisionSetAsideController } from './case/judicial-review/decision-set-aside.controller';
import { InformationRequestsController } from './case/information-requests/information-requests.controller';
import { ReadYourWrites } from './case/read-your-writes';
import { AuditTrailModule } from './audit/audit-trail.module';
import { ParkedEventsController } from './admin/parked-events.controller';
import { API_KEY_REGISTRY, ApiKeyRegistry } from './auth/api-key-registry';
import type { ApiKeyEntry, AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { UnnumberedReceiptsMonitor } from './health/unnumbered-receipts.monitor';
import { AuditController } from './audit/audit.controller';
import { AuditTimelineController } from './audit/audit-timeline.controller';
import { IntakeController } from './intake/intake.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { FeedController } from './feed/feed.controller';
import { FeedShutdown } from './feed/feed-shutdown';
import { FeedTail } from './feed/feed-tail';
import { CommandContextFactory } from './http/command-context.factory';
import { RATE_LIMIT_BUCKETS } from './http/limits/rate-limit.refusal';
import { rateLimits } from './http/limits/rate-limits';
import { TokenBuckets } from './http/limits/token-buckets';
import { ProblemDetailsFilter } from './http/problem/problem-details.filter';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { loggingParams } from './observability/logging';
import { ServiceMetrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';

/** Test seams: a clock and store for the infrastructure, a stream to capture the logs. */
export type AppOverrides = HostingOverrides & Readonly<{ logDestination?: DestinationStream }>;

@Module({})
export class AppModule {
  static register(config: AppConfig, keys: readonly ApiKeyEntry[], overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggingParams(config.logLevel, overrides.logDestination)),
        CqrsModule.forRoot(),
        InfrastructureModule.forRoot(config, overrides),
        AuditTrailModule.register(config),
        ...(config.runProcesses
          ? [ProcessesModule.register({ readModelDb: READ_MODEL_DB, schedulerTickMs: config.schedulerTickMs })]
          : []),
      ],
      controllers: [
        SubmitApplicationController,
        CaseReadsController,
        CaseDecisionsController,
        CaseProcessingController,
        MedicalResultsController,
        CaseNotesController,
        CorrectApplicantDetailsController,
        DecisionSetAsideController,
        InformationRequestsController,
        AuditController,
        AuditTimelineController,
        IntakeController,
        StatisticsController,
        FeedController,
        HealthController,
        MetricsController,
        ParkedEventsController,
      ],
      providers: [
        ApplicationCommandHandler,
        CommandContextFactory,
        ReadYourWrites,
        ApplicationCommandRunner,
        FeedShutdown,
        FeedTail,
        UnnumberedReceiptsMonitor,
        {
          provide: ServiceMetrics,
          useFactory: (runner: ProjectionRunner, pipeline: CommandPipeline, unnumbered: UnnumberedReceiptsMonitor) =>
            new ServiceMetrics(runner, pipeline, unnumbered),
          inject: [ProjectionRunner, CommandPipeline, UnnumberedReceiptsMonitor],
        },
        { provide: COMMAND_OBSERVER, useExisting: ServiceMetrics },
        { provide: API_KEY_REGISTRY, useValue: new ApiKeyRegistry(keys) },
        // The rate limit and authentication run in a Fastify hook (`enforceAccess`), no Nest guard. Command routes time
        // out around their idempotency record (`CommandInterceptor`), reads in a Fastify hook (`enforceReadTimeout`).
        { provide: RATE_LIMIT_BUCKETS, useValue: new TokenBuckets(rateLimits(config)) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
