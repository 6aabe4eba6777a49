import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaseViewQueries } from '@app/projections';
import { ExecuteApplicationCommand, asStoredShape, type CommandContext, type CommandOutcome } from '@app/application';
import {
  applicationDecider,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  type ApplicationView,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
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

/**
 * What every command route does: context, bus, wait for what the answer shows (ReadYourWrites),
 * ETag and the view as the caller may see it (H1). The view is the command's state with the
 * processes' reactions folded in, as the case view will hold it, without waiting for the case view.
 */
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
    const reactions = await this.readYourWrites.settle(call.applicationId, outcome);
    const { view, revision } = await this.answerView(outcome, reactions);
    void reply.header('etag', etagOf(revision)).header('location', `/v1/applications/${call.applicationId}`);
    return { view: view && viewForCaller(view, principal, call.role), outcome };
  }

  /** The case after the command and the reactions it waited for, with its family as the case view lists it. */
  private async answerView(
    outcome: CommandOutcome<ApplicationState>,
    reactions: readonly RecordedEvent[],
  ): Promise<{ view: ApplicationView | null; revision: number }> {
    let state = outcome.state;
    for (const event of reactions) state = applicationDecider.evolve(state, asStoredShape<ApplicationEvent>(event));
    const last = reactions.at(-1);
    const revision = last?.revision ?? outcome.revision ?? 0;
    await this.readYourWrites.beforeFamilyView(state, last?.position ?? outcome.position);
    return { view: this.caseViews.viewOf(state, revision), revision };
  }
}
