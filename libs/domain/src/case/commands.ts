import type { Command } from '@app/kernel';
import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { RefusalReasonInput } from '../decision/refusal-reasons';
import type { ScreeningOverrideInput } from '../decision/screening-overrides';
import type { MedicalAssessment } from '../issuance/medical-conditions';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import type { PrApplicationStatus, Submission } from '../submission/submission';

export type SubmitApplication = Command<
  'SubmitApplication',
  {
    applicationId: string;
    receivedAt: Instant;
    submission: Submission;
    /** M1: required for a spouse or dependent child; the handler reads it from the principal's stream. */
    principal?: PrincipalSnapshot | null;
    /** $1: biometric fees other members of the same family already paid, when the handler knows them. */
    familyBiometricFeesPaid?: number;
  }
>;

/** C3: the intake process records the application's number in its Eastern receipt year. */
export type AssignIntakeNumber = Command<'AssignIntakeNumber', { year: number; number: number; cap: number }>;

/** C4, C5: the over-cap sweep cancels (online) or returns (paper) an application over the cap. */
export type HandleOverCap = Command<'HandleOverCap', { at: Instant }>;

/** B1 (automatic, 24 h after receipt) or B4 (by an officer). */
export type IssueBiometricInstructionLetter = Command<'IssueBiometricInstructionLetter', { issuedAt: Instant; automatic: boolean }>;

export type RecordBiometricsEnrolment = Command<'RecordBiometricsEnrolment', { enrolledAt: Instant; location: string }>;

export type ApproveApplication = Command<
  'ApproveApplication',
  { decidedAt: Instant; officerId: string; notes: string; overrides?: readonly ScreeningOverrideInput[] }
>;

export type RefuseApplication = Command<
  'RefuseApplication',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReasonInput[] }
>;

export type WithdrawApplication = Command<'WithdrawApplication', { requestedAt: Instant; reason?: string | null }>;

export type IssueWorkPermit = Command<
  'IssueWorkPermit',
  {
    issuedOn: PlainDate;
    medical: MedicalAssessment;
    /** M2, M3: required for a family member: the principal as it stands at issuance. */
    principal?: PrincipalSnapshot | null;
  }
>;

/** X1, X2: proof of the PR application and its AOR; no new invitation letter. */
export type ExtensionPrApplication = Readonly<{
  number: string;
  submittedOn: PlainDate;
  aorReceivedOn?: PlainDate;
  /** X1: defaults to in progress; an extension needs the PR application still in processing. */
  status?: PrApplicationStatus;
}>;

export type RequestExtension = Command<
  'RequestExtension',
  {
    extensionId: string;
    requestedOn: PlainDate;
    prApplication: ExtensionPrApplication;
    /** X3, I2: the expiry of a renewed passport; defaults to the passport of the application. */
    passportExpiresOn?: PlainDate;
  }
>;

export type DecideExtension = Command<
  'DecideExtension',
  {
    extensionId: string;
    decidedOn: PlainDate;
    outcome: 'approved' | 'refused';
    /** X3: 1–36 months; 12 when absent. */
    months?: number;
    /** Why the extension was refused (required for a refusal, R1). */
    reasons?: readonly string[];
  }
>;

/** C6: the duplicate index found another application sharing one of this application's keys. */
export type FlagPossibleDuplicate = Command<'FlagPossibleDuplicate', { duplicateOfApplicationId: string; key: string }>;

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
  | FlagPossibleDuplicate;

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
};

/** Every command type of the application decider. */
export const APPLICATION_COMMAND_TYPES = Object.keys(COMMAND_TYPES) as readonly ApplicationCommandType[];
