import type { Role } from '@app/kernel';
import { type CommandContext, type CommandOutcome } from '@app/application';
import { deterministicUuid } from '@app/integrity';
import type { ApplicationCommand, ApplicationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** Sends one command to one application's stream (the CommandBus in the app, the pipeline in tests). */
export type ApplicationDispatch = (
  applicationId: string,
  command: ApplicationCommand,
  context: CommandContext,
) => Promise<CommandOutcome<ApplicationState>>;

/** The event a process reacts to: a recorded event, or what a read model kept of it (its id and metadata). */
export type ProcessCause = Pick<RecordedEvent, 'eventId' | 'metadata'>;

/**
 * The context of a command a process sends on its own: its id is derived from what it is about
 * (`purpose`), so two workers, or one worker replaying after a crash, send the same command id
 * and the pipeline appends it once. It is caused by the event it reacts to, in that event's
 * correlation.
 */
export function systemContext(
  process: string,
  purpose: string,
  cause: ProcessCause | null,
  now: string,
): CommandContext {
  const role: Role = 'system';
  return {
    commandId: systemCommandId(process, purpose),
    correlationId:
      typeof cause?.metadata.correlationId === 'string'
        ? cause.metadata.correlationId
        : deterministicUuid(`${process}:${purpose}:correlation`),
    causationId: cause?.eventId ?? process,
    actor: { id: process, role },
    now,
  };
}

/** The id of the command `process` sends for `purpose`: the same on every worker and every replay. */
export const systemCommandId = (process: string, purpose: string): string => deterministicUuid(`${process}:${purpose}`);
