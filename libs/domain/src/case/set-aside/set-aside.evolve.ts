import type { SubmittedApplication, ApplicationState } from '../state';
import type { Evolvers } from '../registries';
import type { DecisionSetAside, SetAsideEvent, WorkPermitCancelled } from './set-aside.messages';

/** R7, X1: the permit is gone and its extensions with it (kept as history); the approval stands until set aside. */
export function withPermitCancelled(current: SubmittedApplication, { data }: WorkPermitCancelled): ApplicationState {
  if (current.status !== 'permit-issued') throw new Error(`WorkPermitCancelled on a ${current.status} application`);
  const { permit, status: _status, ...approved } = current;
  const cancelled = { permit, extensions: current.extensions, cancelledOn: data.cancelledOn };
  return {
    ...approved,
    status: 'approved',
    extensions: [],
    cancelledPermits: [...(current.cancelledPermits ?? []), cancelled],
  };
}

/** R7: the decision is set aside; the application is received again, with the set-aside in its history. */
export function withDecisionSetAside(current: SubmittedApplication, { data }: DecisionSetAside): ApplicationState {
  if (current.status !== 'approved' && current.status !== 'refused')
    throw new Error(`DecisionSetAside on a ${current.status} application`);
  const { decision: _decision, status: _status, ...file } = current;
  return { ...file, status: 'received', setAside: [...(current.setAside ?? []), data] };
}

/** R7: the permit cancelled with its extensions, then the decision set aside. */
export const setAsideEvolvers: Evolvers<SetAsideEvent> = {
  WorkPermitCancelled: withPermitCancelled,
  DecisionSetAside: withDecisionSetAside,
};
