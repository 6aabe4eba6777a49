import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseViewQueries } from '@app/projections';
import { ExecuteApplicationCommand, type CommandContext, type CommandOutcome } from '@app/application';
import type { ApplicationCommand, ApplicationState, ApplicationView } from '@app/domain';
import type { Caller } from '../auth/current-caller.decorator';
import type { HttpRole } from '../auth/principal';
import { CommandContextFactory } from '../http/command-context.factory';
import { viewForCaller, type CallerView } from './caller-view';
import { etagOf } from './etag';
import { ReadYourWrites } from './read-your-writes';

export type CommandCall = Readonly<{
  applicationId: string;
  /** The command, or a function of the context for commands whose ids derive from the command id. */
  command: ApplicationCommand | ((context: CommandContext) => ApplicationCommand);
  role: HttpRole;
  caller: Caller;
}>;

/** What every command route does: context, bus, wait for what the answer shows (ReadYourWrites), ETag and the view as the caller may see it (H1). */
@Injectable()
export class ApplicationCommandRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly readYourWrites: ReadYourWrites,
    private readonly caseViews: CaseViewQueries,
  ) {}

  async run(call: CommandCall): Promise<{ view: CallerView | null; outcome: CommandOutcome<ApplicationState> }> {
    const { principal, request, reply } = call.caller;
    const context = this.contexts.create(request, principal, call.role);
    const command = typeof call.command === 'function' ? call.command(context) : call.command;
    const outcome = await this.commands.execute(new ExecuteApplicationCommand(call.applicationId, command, context));
    await this.readYourWrites.settle(call.applicationId, outcome);
    const { view, revision } = this.freshestView(call.applicationId, outcome);
    void reply.header('etag', etagOf(revision)).header('location', `/v1/applications/${call.applicationId}`);
    return { view: view && viewForCaller(view, principal, call.role), outcome };
  }

  /** The read model's view once it has caught up (it includes what processes added since), else the command's own. */
  private freshestView(
    applicationId: string,
    outcome: CommandOutcome<ApplicationState>,
  ): { view: ApplicationView | null; revision: number } {
    const revision = outcome.revision ?? 0;
    const stored = this.caseViews.find(applicationId);
    if (stored && stored.revision >= revision) return { view: stored.view, revision: stored.revision };
    return { view: this.caseViews.viewOf(outcome.state, revision), revision };
  }
}
