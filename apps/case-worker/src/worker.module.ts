import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ApplicationCommandHandler } from '@app/application';
import { ProcessesModule } from '@app/processes';
import type { WorkerConfig } from './config/worker-config';
import type { DestinationStream } from 'pino';
import { WorkerInfrastructureModule, type WorkerInfrastructureOverrides } from './infrastructure/worker-infrastructure.module';
import { WORKER_READ_MODEL_DB } from './infrastructure/worker.tokens';
import { workerLoggingParams } from './observability/worker-logging';

/** Test seams: the infrastructure's, and where the log lines go (stdout by default). */
export type WorkerOverrides = WorkerInfrastructureOverrides & Readonly<{ logDestination?: DestinationStream }>;

/** case-worker: the projections, the process managers and the scheduler, without HTTP. */
@Module({})
export class WorkerModule {
  static register(config: WorkerConfig, overrides: WorkerOverrides = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CqrsModule.forRoot(),
        LoggerModule.forRoot(workerLoggingParams(config.logLevel, overrides.logDestination)),
        WorkerInfrastructureModule.forRoot(config, overrides),
        ProcessesModule.register({ readModelDb: WORKER_READ_MODEL_DB, schedulerTickMs: config.schedulerTickMs }),
      ],
      providers: [ApplicationCommandHandler],
    };
  }
}
