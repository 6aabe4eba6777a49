import { Command } from '@nestjs/cqrs';
import type { ApplicationCommand, ApplicationState } from '@app/domain';
import type { CommandContext } from '../pipeline/command-context';
import type { CommandOutcome } from '../pipeline/command-pipeline';

/** Bus message: run one domain command against the stream of one application. */
export class ExecuteApplicationCommand extends Command<CommandOutcome<ApplicationState>> {
  constructor(
    readonly applicationId: string,
    readonly command: ApplicationCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}
