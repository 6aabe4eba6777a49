import type { SubmitApplication } from './submit/submit.messages';
export type { SubmitApplication } from './submit/submit.messages';
import type { AssignIntakeNumber, HandleOverCap, FlagPossibleDuplicate } from './intake/intake.messages';
export type { AssignIntakeNumber, HandleOverCap, FlagPossibleDuplicate } from './intake/intake.messages';
import type { IssueBiometricInstructionLetter, RecordBiometricsEnrolment } from './biometrics/biometrics.messages';
export type { IssueBiometricInstructionLetter, RecordBiometricsEnrolment } from './biometrics/biometrics.messages';
import type { ApproveApplication, RefuseApplication } from './decision/decision.messages';
export type { ApproveApplication, RefuseApplication } from './decision/decision.messages';
import type { WithdrawApplication } from './withdrawal/withdrawal.messages';
export type { WithdrawApplication } from './withdrawal/withdrawal.messages';
import type { IssueWorkPermit } from './issuance/issuance.messages';
export type { IssueWorkPermit } from './issuance/issuance.messages';
import type { RequestExtension, DecideExtension } from './extensions/extensions.messages';
export type { ExtensionPrApplication, RequestExtension, DecideExtension } from './extensions/extensions.messages';
import type { FollowPrincipal } from './family/family.messages';
export type { FollowPrincipal } from './family/family.messages';

import type { RecordMedicalResult } from './medical/medical.messages';
export type { RecordMedicalResult } from './medical/medical.messages';
import type { SetAsideDecision } from './set-aside/set-aside.messages';
export type { SetAsideDecision } from './set-aside/set-aside.messages';

export type ApplicationCommand =
  | SubmitApplication
  | AssignIntakeNumber
  | HandleOverCap
  | IssueBiometricInstructionLetter
  | RecordBiometricsEnrolment
  | ApproveApplication
  | RefuseApplication
  | WithdrawApplication
  | IssueWorkPermit
  | RequestExtension
  | DecideExtension
  | FlagPossibleDuplicate
  | RecordMedicalResult
  | SetAsideDecision
  | FollowPrincipal;

export type ApplicationCommandType = ApplicationCommand['type'];

const COMMAND_TYPES: Record<ApplicationCommandType, true> = {
  SubmitApplication: true,
  AssignIntakeNumber: true,
  HandleOverCap: true,
  IssueBiometricInstructionLetter: true,
  RecordBiometricsEnrolment: true,
  ApproveApplication: true,
  RefuseApplication: true,
  WithdrawApplication: true,
  IssueWorkPermit: true,
  RequestExtension: true,
  DecideExtension: true,
  FlagPossibleDuplicate: true,
  RecordMedicalResult: true,
  SetAsideDecision: true,
  FollowPrincipal: true,
};

/** Every command type of the application decider. */
export const APPLICATION_COMMAND_TYPES = Object.keys(COMMAND_TYPES) as readonly ApplicationCommandType[];
