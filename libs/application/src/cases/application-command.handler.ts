import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { applicationDecider, applicationStreamName, type ApplicationState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { CommandPipeline, type CommandOutcome } from '../pipeline/command-pipeline';
import { EVENT_STORE } from '../tokens';
import { COMMAND_OBSERVER, resultOfError, type CommandObserver } from './command-observer';
import { ExecuteApplicationCommand } from './execute-application-command';
import { withPrincipalSnapshot } from './principal-snapshot.loader';

@CommandHandler(ExecuteApplicationCommand)
export class ApplicationCommandHandler implements ICommandHandler<ExecuteApplicationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly pipeline: CommandPipeline,
    @Optional() @Inject(COMMAND_OBSERVER) private readonly observer?: CommandObserver,
  ) {}

  async execute({
    applicationId,
    command,
    context,
  }: ExecuteApplicationCommand): Promise<CommandOutcome<ApplicationState>> {
    try {
      const outcome = await this.pipeline.run(
        applicationDecider,
        applicationStreamName(applicationId),
        command,
        context,
        {
          prepare: (toPrepare, own) => withPrincipalSnapshot(this.store, toPrepare, own),
        },
      );
      this.observer?.commandHandled(command.type, outcome.alreadyApplied ? 'already-applied' : 'accepted');
      return outcome;
    } catch (error) {
      this.observer?.commandHandled(command.type, resultOfError(error));
      throw error;
    }
  }
}
