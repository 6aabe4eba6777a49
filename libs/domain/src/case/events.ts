import type { Event } from '@app/kernel';
import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { BiometricsRequirement } from '../biometrics/biometrics-requirement';
import type { RefusalReason } from '../decision/refusal-reasons';
import type { ScreeningOverride } from '../decision/screening-overrides';
import type { FeeAmounts } from '../fees/fee-amounts';
import type { MedicalAssessment } from '../issuance/medical-conditions';
import type { WorkPermit } from '../issuance/work-permit';
import type { Finding } from '../screening/finding';
import type { Routing } from '../screening/forms.screening';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import type { PrApplicationStatus, Submission } from '../submission/submission';

/** X2: the PR application an extension rests on, with its AOR date. */
export type ProvenPrApplication = Readonly<{
  number: string;
  submittedOn: PlainDate;
  aorReceivedOn: PlainDate;
  status: PrApplicationStatus;
}>;

export type ApplicationReceived = Event<
  'ApplicationReceived',
  {
    applicationId: string;
    receivedAt: Instant;
    /** T1: the Eastern calendar date of receipt. */
    receivedOn: PlainDate;
    submission: Submission;
    /** M1, M3: the principal as it stood at receipt (family members), else null. */
    principal: PrincipalSnapshot | null;
    screening: readonly Finding[];
    routing: Routing;
    /** $1, $2, M5: what the application owes on its receipt date. */
    feesOwed: FeeAmounts;
    biometrics: BiometricsRequirement;
    /** C2: principals count against the cap, family members do not. */
    countsAgainstCap: boolean;
    /** C3: the Eastern calendar year of receipt for a principal (its cap year), null for a family member. */
    intakeYear: number | null;
  }
>;

export type IntakeNumberAssigned = Event<'IntakeNumberAssigned', { year: number; number: number; cap: number; withinCap: boolean }>;

type OverCapData = Readonly<{ year: number; number: number; cap: number; refunds: FeeAmounts }>;
export type ApplicationCancelledOverCap = Event<'ApplicationCancelledOverCap', OverCapData & { cancelledAt: Instant }>;
export type ApplicationReturnedOverCap = Event<'ApplicationReturnedOverCap', OverCapData & { returnedAt: Instant }>;

/** B1, B2, B4: `dueBy` is the last day (Eastern) to give biometrics. */
export type BiometricInstructionLetterIssued = Event<
  'BiometricInstructionLetterIssued',
  { issuedAt: Instant; dueBy: PlainDate; automatic: boolean }
>;

/** C5: `wasIssued` false when the automatic letter was stopped before it was sent. */
export type BiometricInstructionLetterCancelled = Event<
  'BiometricInstructionLetterCancelled',
  { cancelledAt: Instant; reason: 'over-cap'; wasIssued: boolean }
>;

/** B2: `late` when enrolled after the letter's due date. */
export type BiometricsEnrolled = Event<'BiometricsEnrolled', { enrolledAt: Instant; location: string; late: boolean }>;

export type ApplicationApproved = Event<
  'ApplicationApproved',
  { decidedAt: Instant; officerId: string; notes: string; overrides: readonly ScreeningOverride[] }
>;

export type ApplicationRefused = Event<
  'ApplicationRefused',
  { decidedAt: Instant; officerId: string; reasons: readonly RefusalReason[] }
>;

/** R3: `refunds` is empty once an officer acted; the application still counts against the cap. */
export type ApplicationWithdrawn = Event<
  'ApplicationWithdrawn',
  { withdrawnAt: Instant; reason: string | null; refunds: FeeAmounts }
>;

/** Section 9, M1: the full GCMS coding, the medical assessment it was based on and the F3 case note. */
export type WorkPermitIssued = Event<
  'WorkPermitIssued',
  { permit: WorkPermit; medical: MedicalAssessment; caseNote: string | null; principal: PrincipalSnapshot | null }
>;

export type ExtensionRequested = Event<
  'ExtensionRequested',
  { extensionId: string; requestedOn: PlainDate; prApplication: ProvenPrApplication; passportExpiresOn: PlainDate }
>;

export type ExtensionApproved = Event<
  'ExtensionApproved',
  { extensionId: string; decidedOn: PlainDate; months: number; previousValidTo: PlainDate; validTo: PlainDate }
>;

export type ExtensionRefused = Event<'ExtensionRefused', { extensionId: string; decidedOn: PlainDate; reasons: readonly string[] }>;

/** C6: another application shares a passport or CSQ key with this one; both still count. */
export type PossibleDuplicateFlagged = Event<'PossibleDuplicateFlagged', { duplicateOfApplicationId: string; key: string }>;

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
  | PossibleDuplicateFlagged;

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
};

/** Every event type of an `application-<id>` stream (stable names, never derived from code). */
export const APPLICATION_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly ApplicationEventType[];

export const isApplicationEventType = (type: string): type is ApplicationEventType =>
  Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
