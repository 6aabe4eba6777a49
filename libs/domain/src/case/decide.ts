import { assertNever } from '@app/kernel';
import type { ApplicationCommand } from './commands';
import { decideApprove, decideRefuse } from './decision/decision.decide';
import { decideExtension, decideRequestExtension } from './extensions/extensions.decide';
import { decideAssignIntakeNumber, decideFlagPossibleDuplicate, decideHandleOverCap } from './intake/intake.decide';
import { decideIssueBiometricInstructionLetter, decideRecordBiometricsEnrolment } from './biometrics/biometrics.decide';
import { decideIssueWorkPermit } from './issuance/issuance.decide';
import { decideRecordMedicalResult } from './medical/medical.decide';
import { decideSetAside } from './set-aside/set-aside.decide';
import { decideSubmit } from './submit/submit-application.decide';
import { decideWithdraw } from './withdrawal/withdrawal.decide';
import { decideFollowPrincipal } from './family/family.decide';
import type { ApplicationEvent } from './events';
import type { ApplicationState } from './state';

/** Turns a command and the current state into events, or throws a DomainError whose code names the rule. */
export function decide(command: ApplicationCommand, state: ApplicationState): readonly ApplicationEvent[] {
  switch (command.type) {
    case 'SubmitApplication':
      return decideSubmit(command, state);
    case 'AssignIntakeNumber':
      return decideAssignIntakeNumber(command, state);
    case 'HandleOverCap':
      return decideHandleOverCap(command, state);
    case 'IssueBiometricInstructionLetter':
      return decideIssueBiometricInstructionLetter(command, state);
    case 'RecordBiometricsEnrolment':
      return decideRecordBiometricsEnrolment(command, state);
    case 'ApproveApplication':
      return decideApprove(command, state);
    case 'RefuseApplication':
      return decideRefuse(command, state);
    case 'WithdrawApplication':
      return decideWithdraw(command, state);
    case 'IssueWorkPermit':
      return decideIssueWorkPermit(command, state);
    case 'RequestExtension':
      return decideRequestExtension(command, state);
    case 'DecideExtension':
      return decideExtension(command, state);
    case 'FlagPossibleDuplicate':
      return decideFlagPossibleDuplicate(command, state);
    case 'FollowPrincipal':
      return decideFollowPrincipal(command, state);
    case 'RecordMedicalResult':
      return decideRecordMedicalResult(command, state);
    case 'SetAsideDecision':
      return decideSetAside(command, state);
    default:
      return assertNever(command, 'application command');
  }
}
