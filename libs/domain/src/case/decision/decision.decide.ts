import { fail } from '../../errors/domain-error-codes';
import { POLICY } from '../../policy/policy';
import { validatedRefusalReasons } from '../../decision/refusal-reasons';
import { validatedOverrides } from '../../decision/screening-overrides';
import { medicalFindingsAtDecision } from '../../issuance/medical-results';
import { asStored } from '../as-stored';
import { pendingFairnessLetter } from '../case-queries';
import { easternDateOf } from '../../dates/instant';
import { requireInstantFrom, requireUndecided } from '../guards';
import type { ApplicationState, ReceivedApplication } from '../state';
import type {
  ApproveApplication,
  RefuseApplication,
  ApplicationApproved,
  ApplicationRefused,
} from './decision.messages';
import { findingsAtDecision, principalAtDecision, requireDependentChild } from './family-approval';
import type { Deciders } from '../registries';
import type { DecisionCommand } from './decision.messages';

/** C3, C4: a principal is decided only once numbered within the cap; an over-cap one is cancelled or returned instead. */
function requireWithinCap(state: ReceivedApplication): void {
  if (!state.countsAgainstCap) return;
  if (state.intake === null) {
    if (POLICY.decisionsRequireIntakeNumber) fail('C3_INTAKE_PENDING', 'The application has no intake number yet');
    return;
  }
  if (!state.intake.withinCap) {
    fail(
      'C4_OVER_CAP',
      `Number ${state.intake.number} of ${state.intake.year} is over the cap of ${state.intake.cap}: cancel or return it`,
    );
  }
}

/** R2, C3, C4: who may be decided, and when. */
function decidable(state: ApplicationState, decidedAt: string): ReceivedApplication {
  const current = requireUndecided(state);
  requireInstantFrom(decidedAt, current.receivedAt, 'decidedAt');
  requireWithinCap(current);
  return current;
}

/** M3: a family member whose principal lacked 6 months of authorization at receipt cannot be approved (a measured fact, not overridable). */
function requirePrincipalAuthorization(state: ReceivedApplication): void {
  const m3 = state.screening.find((finding) => finding.rule === 'M3');
  if (m3?.outcome === 'failed') fail('M3_PRINCIPAL_AUTHORIZATION_TOO_SHORT', m3.detail);
}

/**
 * Approval: a family member's principal approved first (M6) and a child still a dependent child at
 * decision (M9); no recorded medical result that bars it (I4: M4, M6; M5 only with an override
 * citing R206 or R207(c)/(d)); B5 biometrics enrolled unless exempt; every failed finding (M9 as judged at
 * decision) overridden by the officer with a non-trivial justification, recorded in the event with
 * the principal's state it relied on.
 */
export function decideApprove({ data }: ApproveApplication, state: ApplicationState): readonly ApplicationApproved[] {
  const current = decidable(state, data.decidedAt);
  requirePrincipalAuthorization(current);
  const principal = principalAtDecision(current, data.principal);
  const medical = medicalFindingsAtDecision(current.medical ?? null, data.overrides ?? []);
  const findings = [...findingsAtDecision(current, data.decidedAt), ...medical];
  requireDependentChild(findings, data.overrides ?? []);
  if (current.biometrics.required && current.biometrics.enrolledAt === null) {
    fail('B5_BIOMETRICS_REQUIRED', 'Approval requires biometrics enrolled');
  }
  const overrides = validatedOverrides(findings, data.overrides ?? []);
  const decision = { decidedAt: data.decidedAt, officerId: data.officerId, notes: data.notes ?? '', overrides };
  return [
    { type: 'ApplicationApproved', data: principal ? { ...decision, principal: asStored(principal) } : decision },
  ];
}

/** R6, H3: no refusal while a procedural-fairness letter is open and not yet due (Eastern); answered or past due, it may follow. */
function requireNoPendingFairnessLetter(state: ReceivedApplication, decidedAt: string): void {
  const letter = pendingFairnessLetter(state, easternDateOf(decidedAt));
  if (letter)
    fail(
      'R6_FAIRNESS_PENDING',
      `Procedural-fairness letter ${letter.id} is open until ${letter.dueOn}: wait for the response or the due date`,
    );
}

/** R1, R4, R5, R6: a refusal names each requirement not met, on an R200(1) or IRPA ground, explained with the evidence. */
export function decideRefuse({ data }: RefuseApplication, state: ApplicationState): readonly ApplicationRefused[] {
  const current = decidable(state, data.decidedAt);
  requireNoPendingFairnessLetter(current, data.decidedAt);
  const reasons = validatedRefusalReasons(data.reasons);
  return [{ type: 'ApplicationRefused', data: { decidedAt: data.decidedAt, officerId: data.officerId, reasons } }];
}

/** The deciders of this use case, by command type. */
export const decisionDeciders: Deciders<DecisionCommand> = {
  ApproveApplication: decideApprove,
  RefuseApplication: decideRefuse,
};
