import type { ApplicationReceived } from './submit/submit.messages';
export type { ApplicationReceived } from './submit/submit.messages';
import type {
  IntakeNumberAssigned,
  PossibleDuplicateFlagged,
  ApplicationCancelledOverCap,
  ApplicationReturnedOverCap,
} from './intake/intake.messages';
export type {
  IntakeNumberAssigned,
  PossibleDuplicateFlagged,
  ApplicationCancelledOverCap,
  ApplicationReturnedOverCap,
} from './intake/intake.messages';
import type {
  BiometricInstructionLetterIssued,
  BiometricInstructionLetterCancelled,
  BiometricsEnrolled,
} from './biometrics/biometrics.messages';
export type {
  BiometricInstructionLetterIssued,
  BiometricInstructionLetterCancelled,
  BiometricsEnrolled,
} from './biometrics/biometrics.messages';
import type { ApplicationApproved, ApplicationRefused } from './decision/decision.messages';
export type { ApplicationApproved, ApplicationRefused } from './decision/decision.messages';
import type { ApplicationWithdrawn } from './withdrawal/withdrawal.messages';
export type { ApplicationWithdrawn } from './withdrawal/withdrawal.messages';
import type { WorkPermitIssued } from './issuance/issuance.messages';
export type { WorkPermitIssued } from './issuance/issuance.messages';
import type { ExtensionRequested, ExtensionApproved, ExtensionRefused } from './extensions/extensions.messages';
export type {
  ProvenPrApplication,
  ExtensionRequested,
  ExtensionApproved,
  ExtensionRefused,
} from './extensions/extensions.messages';
import type { ApplicationClosedWithPrincipal } from './family/family.messages';
export type { ApplicationClosedWithPrincipal, PrincipalClosing, PrincipalOutcomeKind } from './family/family.messages';

import type { MedicalResultRecorded } from './medical/medical.messages';
export type { MedicalResultRecorded } from './medical/medical.messages';
import type { DecisionSetAside, WorkPermitCancelled } from './set-aside/set-aside.messages';
export type { DecisionSetAside, Judgment, PreviousDecision, WorkPermitCancelled } from './set-aside/set-aside.messages';

export type ApplicationEvent =
  | ApplicationReceived
  | IntakeNumberAssigned
  | ApplicationCancelledOverCap
  | ApplicationReturnedOverCap
  | BiometricInstructionLetterIssued
  | BiometricInstructionLetterCancelled
  | BiometricsEnrolled
  | ApplicationApproved
  | ApplicationRefused
  | ApplicationWithdrawn
  | WorkPermitIssued
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRefused
  | PossibleDuplicateFlagged
  | MedicalResultRecorded
  | WorkPermitCancelled
  | DecisionSetAside
  | ApplicationClosedWithPrincipal;

export type ApplicationEventType = ApplicationEvent['type'];

const EVENT_TYPES: Record<ApplicationEventType, true> = {
  ApplicationReceived: true,
  IntakeNumberAssigned: true,
  ApplicationCancelledOverCap: true,
  ApplicationReturnedOverCap: true,
  BiometricInstructionLetterIssued: true,
  BiometricInstructionLetterCancelled: true,
  BiometricsEnrolled: true,
  ApplicationApproved: true,
  ApplicationRefused: true,
  ApplicationWithdrawn: true,
  WorkPermitIssued: true,
  ExtensionRequested: true,
  ExtensionApproved: true,
  ExtensionRefused: true,
  PossibleDuplicateFlagged: true,
  MedicalResultRecorded: true,
  WorkPermitCancelled: true,
  DecisionSetAside: true,
  ApplicationClosedWithPrincipal: true,
};

/** Every event type of an `application-<id>` stream (stable names, never derived from code). */
export const APPLICATION_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly ApplicationEventType[];

export const isApplicationEventType = (type: string): type is ApplicationEventType =>
  Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
