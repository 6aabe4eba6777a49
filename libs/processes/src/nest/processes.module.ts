import {
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { CLOCK, EVENT_STORE, ExecuteApplicationCommand, type Clock } from '@app/application';
import type { EventStore } from '@app/event-store';
import { ProjectionRunner, messageOf, projectionHandler } from '@app/projections';
import { bilTimerJob } from '../bil-timer/bil-timer.process';
import { dueTimersProjection } from '../bil-timer/due-timers.projection';
import { possibleDuplicatesHandler } from '../duplicates/possible-duplicates.process';
import { familyFollowsPrincipalHandler } from '../family/family-follows-principal.process';
import { informationOverdueJob } from '../information-timer/information-overdue.process';
import { informationTimersProjection } from '../information-timer/information-timers.projection';
import { intakeNumberingHandler } from '../intake/intake-numbering.process';
import { overCapSweepJob } from '../over-cap/over-cap-sweep.process';
import { Scheduler } from '../scheduler/scheduler';
import type { ApplicationDispatch } from '../system-dispatch';

export type ProcessesOptions = Readonly<{
  /** The host's token for the read-model database (better-sqlite3 handle). */
  readModelDb: InjectionToken;
  schedulerTickMs: number;
}>;

const OPTIONS = Symbol('ProcessesOptions');
const READ_MODELS = Symbol('ProcessReadModels');
const DISPATCH = Symbol('ProcessDispatch');
/** The longest the first tick waits for the read models to catch up with the log. */
const CATCH_UP_BEFORE_FIRST_TICK_MS = 60_000;

/** Registers the process workers with the host's projection runner and runs the scheduler beside it. */
@Injectable()
class ProcessesHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly scheduler: Scheduler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: Database.Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPATCH) private readonly dispatch: ApplicationDispatch,
  ) {}

  onModuleInit(): void {
    const now = () => this.clock.now().toISOString();
    this.runner.addHandler(intakeNumberingHandler(this.db, this.dispatch, now));
    this.runner.addHandler(possibleDuplicatesHandler(this.db, this.dispatch, now));
    this.runner.addHandler(familyFollowsPrincipalHandler(this.db, this.dispatch, now));
    this.runner.addHandler(projectionHandler(this.db, dueTimersProjection, now));
    this.runner.addHandler(projectionHandler(this.db, informationTimersProjection, now));
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}

function createScheduler(
  options: ProcessesOptions,
  db: Database.Database,
  dispatch: ApplicationDispatch,
  clock: Clock,
  runner: ProjectionRunner,
  store: EventStore,
) {
  const logger = new Logger('Scheduler');
  return new Scheduler(
    [
      bilTimerJob(db, dispatch, runner.parking),
      overCapSweepJob(db, dispatch, runner.parking),
      informationOverdueJob(db, dispatch, runner.parking),
    ],
    clock,
    {
      tickMs: options.schedulerTickMs,
      writeGate: runner,
      beforeFirstTick: async () => runner.waitFor(await store.headPosition(), CATCH_UP_BEFORE_FIRST_TICK_MS),
      onJobFailed: (job, error) => logger.warn(`${job} failed, retried on the next tick: ${messageOf(error)}`),
    },
  );
}

/**
 * The process managers (C1–C6, B1, M7, H2) and the durable scheduler, for whichever app hosts them:
 * case-api in embedded mode, case-worker on its own. The host provides the event store, the
 * clock, the projection runner, the CQRS bus with the application command handler, and the
 * read-model database under `readModelDb`.
 */
@Module({})
export class ProcessesModule {
  static register(options: ProcessesOptions): DynamicModule {
    return {
      module: ProcessesModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: READ_MODELS, useExisting: options.readModelDb },
        {
          provide: DISPATCH,
          useFactory:
            (commands: CommandBus): ApplicationDispatch =>
            (applicationId, command, context) =>
              commands.execute(new ExecuteApplicationCommand(applicationId, command, context)),
          inject: [CommandBus],
        },
        {
          provide: Scheduler,
          useFactory: createScheduler,
          inject: [OPTIONS, READ_MODELS, DISPATCH, CLOCK, ProjectionRunner, EVENT_STORE],
        },
        ProcessesHost,
      ],
      exports: [Scheduler],
    };
  }
}
