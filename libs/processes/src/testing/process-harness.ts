import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  ApplicationCommandHandler,
  CommandPipeline,
  ExecuteApplicationCommand,
  ManualClock,
  type CommandContext,
} from '@app/application';
import { applicationStreamName, type ApplicationCommand, type Submission } from '@app/domain';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import {
  ProjectionRunner,
  caseViewProjection,
  intakeLedgerProjection,
  openReadModelDatabase,
  projectionHandler,
  type CatchUpHandler,
  type Projection,
} from '@app/projections';
import type { ApplicationDispatch } from '../system-dispatch';

/**
 * The processes' unit-test bench: a memory store, the real command handler and pipeline, the
 * case-view and intake-ledger read models in memory, a manual clock and a counting dispatch.
 */
export class ProcessHarness {
  readonly store = new MemoryEventStore();
  readonly db: Database.Database = openReadModelDatabase(':memory:');
  readonly clock: ManualClock;
  readonly runner: ProjectionRunner;
  /** Every command a process dispatched, in order. */
  readonly dispatched: { applicationId: string; type: string }[] = [];
  private readonly handler = new ApplicationCommandHandler(this.store, new CommandPipeline(this.store));

  constructor(start: string) {
    this.clock = new ManualClock(start);
    this.runner = new ProjectionRunner(this.store, this.db, [caseViewProjection, intakeLedgerProjection], this.now);
  }

  readonly now = (): string => this.clock.now().toISOString();

  readonly dispatch: ApplicationDispatch = (applicationId, command, context) => {
    this.dispatched.push({ applicationId, type: command.type });
    return this.handler.execute(new ExecuteApplicationCommand(applicationId, command, context));
  };

  addProcess(handler: CatchUpHandler): this {
    this.runner.addHandler(handler);
    return this;
  }

  addProjection(projection: Projection, db: Database.Database = this.db): this {
    this.runner.addHandler(projectionHandler(db, projection, this.now));
    return this;
  }

  start(): this {
    this.runner.start();
    return this;
  }

  /** A command as an intake integration or officer sends it. */
  send(applicationId: string, command: ApplicationCommand) {
    const context: CommandContext = {
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: 'test',
      actor: { id: 'test', role: 'officer' },
      now: this.now(),
    };
    return this.handler.execute(new ExecuteApplicationCommand(applicationId, command, context));
  }

  async submit(filed: Submission, receivedAt = this.now(), applicationId: string = randomUUID()): Promise<string> {
    await this.send(applicationId, {
      type: 'SubmitApplication',
      data: { applicationId, receivedAt, submission: filed },
    });
    return applicationId;
  }

  /** Waits until every read model and process has handled the whole log. */
  async settle(): Promise<void> {
    for (let head = await this.store.headPosition(); ;) {
      await this.runner.waitFor(head, 5000);
      const after = await this.store.headPosition();
      if (after === head) return;
      head = after;
    }
  }

  async eventsOf(applicationId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(applicationStreamName(applicationId));
  }

  async typesOf(applicationId: string): Promise<string[]> {
    return (await this.eventsOf(applicationId)).map((event) => event.type);
  }

  async stop(): Promise<void> {
    await this.runner.stop();
    this.db.close();
  }
}
