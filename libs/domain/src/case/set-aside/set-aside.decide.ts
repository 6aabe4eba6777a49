import { easternDateOf } from '../../dates/instant';
import { isAfter } from '../../dates/plain-date';
import { fail } from '../../errors/domain-error-codes';
import { currentPermitValidTo } from '../case-queries';
import { requireDateFrom, requireInstantFrom, requireSubmitted } from '../guards';
import type { ApplicationState, ApprovedApplication, PermitIssuedApplication, RefusedApplication } from '../state';
import type { DecisionSetAside, Judgment, SetAsideDecision, WorkPermitCancelled } from './set-aside.messages';
import type { Deciders } from '../registries';
import type { SetAsideCommand } from './set-aside.messages';

type DecidedApplication = ApprovedApplication | RefusedApplication | PermitIssuedApplication;

/** R7: only a decision can be set aside: an undecided, cancelled, returned or withdrawn application has none. */
function decided(state: ApplicationState): DecidedApplication {
  const current = requireSubmitted(state);
  if (current.status === 'approved' || current.status === 'refused' || current.status === 'permit-issued')
    return current;
  return fail('R7_NO_DECISION', `The application is ${current.status}: there is no decision to set aside`);
}

function requireStated(judgment: Judgment): void {
  for (const field of ['court', 'docket', 'reason'] as const) {
    if (typeof judgment[field] !== 'string' || judgment[field].trim() === '')
      fail('R7_JUDGMENT_INCOMPLETE', `The judgment's ${field} is blank`);
  }
}

/** R7, X1: the permit goes with the decision it was issued on; its extensions end with it. */
function permitCancelled(
  current: PermitIssuedApplication,
  judgment: Judgment,
  cancelledOn: string,
): WorkPermitCancelled {
  return {
    type: 'WorkPermitCancelled',
    data: {
      cancelledOn,
      issuedOn: current.permit.issuedOn,
      validTo: currentPermitValidTo(current) ?? current.permit.validTo,
      endedExtensions: current.extensions.map((extension) => extension.id),
      reason: `R7: the decision was set aside by ${judgment.court} in ${judgment.docket} on ${judgment.decidedOn}`,
    },
  };
}

/**
 * R7: a judgment dated between the decision and the day it is recorded sets the decision aside and
 * re-opens the application for a new decision; a permit issued on it is cancelled by the same
 * command. Nothing else changes: the intake number still counts (C2), no fee is refunded, and the
 * case, within the cap when it was decided, is not swept over it (C4).
 */
export function decideSetAside(
  { data }: SetAsideDecision,
  state: ApplicationState,
): readonly (WorkPermitCancelled | DecisionSetAside)[] {
  const current = decided(state);
  const { decision } = current;
  const recordedAt = requireInstantFrom(data.recordedAt, decision.decidedAt, 'recordedAt');
  const decidedOn = requireDateFrom(data.decidedOn, easternDateOf(decision.decidedAt), 'decidedOn');
  if (isAfter(decidedOn, easternDateOf(recordedAt)))
    fail('R7_JUDGMENT_IN_FUTURE', `decidedOn ${decidedOn} is after the day the judgment is recorded`);
  const judgment: Judgment = { court: data.court, docket: data.docket, decidedOn, reason: data.reason };
  requireStated(judgment);
  const previous = { outcome: decision.outcome, decidedAt: decision.decidedAt, officerId: decision.officerId };
  const setAside: DecisionSetAside = { type: 'DecisionSetAside', data: { ...judgment, recordedAt, previous } };
  if (current.status !== 'permit-issued') return [setAside];
  return [permitCancelled(current, judgment, easternDateOf(recordedAt)), setAside];
}

/** The deciders of this use case, by command type. */
export const setAsideDeciders: Deciders<SetAsideCommand> = { SetAsideDecision: decideSetAside };
