import {
  applicationDecider,
  applicationStreamName,
  principalSnapshotOf,
  type ApplicationCommand,
  type ApplicationState,
  type PrincipalSnapshot,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { loadStream } from '../pipeline/stream-loader';

/**
 * Family-member rules (M2, M3, M6, C49) depend on the principal's case, which lives in another
 * stream: the handler reads it and hands the decider a snapshot on the command. For an approval
 * (M6: the principal's state at decision), a permit and a renewal (X5: in line with the principal's
 * current permit) the principal is named in the member's own
 * state, which the pipeline has just folded (`own`), so the member's stream is not read a second time.
 */
export function withPrincipalSnapshot(
  store: EventStore,
  command: ApplicationCommand,
  own: ApplicationState,
): ApplicationCommand | Promise<ApplicationCommand> {
  if (command.type === 'SubmitApplication') {
    const principalId = command.data.submission.principalApplicationId;
    if (command.data.submission.applicantType === 'principal' || !principalId) return command;
    return withSnapshot(store, command, principalId);
  }
  switch (command.type) {
    case 'IssueWorkPermit':
    case 'ApproveApplication':
    case 'RequestExtension':
    case 'DecideExtension': {
      const principalId = principalIdOf(own);
      if (!principalId) return command;
      return withSnapshot(store, command, principalId);
    }
    default:
      return command;
  }
}

/** `command` with the principal's snapshot on its data. */
async function withSnapshot<C extends ApplicationCommand>(
  store: EventStore,
  command: C,
  principalId: string,
): Promise<ApplicationCommand> {
  return {
    ...command,
    data: { ...command.data, principal: await snapshotOf(store, principalId) },
  } as ApplicationCommand;
}

async function snapshotOf(store: EventStore, principalId: string): Promise<PrincipalSnapshot | undefined> {
  const principal = await loadStream(store, applicationDecider, applicationStreamName(principalId));
  return principalSnapshotOf(principal.state) ?? undefined;
}

function principalIdOf(state: unknown): string | null {
  const submission = (state as { submission?: { principalApplicationId?: string | null } }).submission;
  return submission?.principalApplicationId ?? null;
}
