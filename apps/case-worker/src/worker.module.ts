import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApplicationCommandHandler } from '@app/application';
import { HostingModule, READ_MODEL_DB, type HostingOverrides } from '@app/hosting';
import { ProcessesModule } from '@app/processes';
import type { WorkerConfig } from './config/worker-config';
import { workerLoggingParams } from './observability/worker-logging';

/** Test seams: the stores' (a clock, an event store), and where the log lines go (stdout by default). */
export type WorkerOverrides = HostingOverrides & Readonly<{ logDestination?: DestinationStream }>;

/**
 * case-worker: the projections, the process managers and the scheduler, without HTTP. Its read
 * models are case-api's (the over-cap sweep reads the case view and the intake ledger; the
 * processes add theirs).
 */
@Module({})
export class WorkerModule {
  static register(config: WorkerConfig, overrides: WorkerOverrides = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CqrsModule.forRoot(),
        LoggerModule.forRoot(workerLoggingParams(config.logLevel, overrides.logDestination)),
        HostingModule.forRoot(config, overrides),
        ProcessesModule.register({ readModelDb: READ_MODEL_DB, schedulerTickMs: config.schedulerTickMs }),
      ],
      providers: [ApplicationCommandHandler],
    };
  }
}
