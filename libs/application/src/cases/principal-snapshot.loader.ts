import {
  applicationDecider,
  applicationStreamName,
  principalSnapshotOf,
  type ApplicationCommand,
  type PrincipalSnapshot,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { loadStream } from '../pipeline/stream-loader';

/**
 * Family-member rules (M2, M3, C49) depend on the principal's case, which lives in another
 * stream: the handler reads it and hands the decider a snapshot on the command.
 */
export async function withPrincipalSnapshot(
  store: EventStore,
  applicationId: string,
  command: ApplicationCommand,
): Promise<ApplicationCommand> {
  if (command.type === 'SubmitApplication') {
    const principalId = command.data.submission.principalApplicationId;
    if (command.data.submission.applicantType === 'principal' || !principalId) return command;
    return { ...command, data: { ...command.data, principal: await snapshotOf(store, principalId) } };
  }
  if (command.type === 'IssueWorkPermit') {
    const own = await loadStream(store, applicationDecider, applicationStreamName(applicationId));
    const principalId = principalIdOf(own.state);
    if (!principalId) return command;
    return { ...command, data: { ...command.data, principal: await snapshotOf(store, principalId) } };
  }
  return command;
}

async function snapshotOf(store: EventStore, principalId: string): Promise<PrincipalSnapshot | undefined> {
  const principal = await loadStream(store, applicationDecider, applicationStreamName(principalId));
  return principalSnapshotOf(principal.state) ?? undefined;
}

function principalIdOf(state: unknown): string | null {
  const submission = (state as { submission?: { principalApplicationId?: string | null } }).submission;
  return submission?.principalApplicationId ?? null;
}
