import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { BiometricInstructionLetter } from '../biometrics/instruction-letter';
import type { BiometricsRequirement } from '../biometrics/biometrics-requirement';
import type { RefusalReason } from '../decision/refusal-reasons';
import type { ScreeningOverride } from '../decision/screening-overrides';
import type { FeeAmounts } from '../fees/fee-amounts';
import type { WorkPermit } from '../issuance/work-permit';
import type { MedicalRecord } from '../issuance/medical-results';
import type { Finding } from '../screening/finding';
import type { Routing } from '../screening/forms.screening';
import type { DecisionSetAside, InformationRequested, ProvenPrApplication } from './events';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import type { Submission } from '../submission/submission';

export type Intake = Readonly<{ year: number; number: number; cap: number; withinCap: boolean }>;

export type BiometricsFile = BiometricsRequirement &
  Readonly<{ letter: BiometricInstructionLetter | null; enrolledAt: Instant | null; location: string | null }>;

export type ExtensionRecord = Readonly<{
  id: string;
  requestedOn: PlainDate;
  prApplication: ProvenPrApplication;
  passportExpiresOn: PlainDate;
  status: 'requested' | 'approved' | 'refused';
  decidedOn: PlainDate | null;
  months: number | null;
  validTo: PlainDate | null;
  reasons: readonly string[];
}>;

/** H1: a free-text note an officer added to the case; `corrects` names the earlier note it corrects. */
export type CaseNote = Readonly<{
  id: string;
  text: string;
  corrects: string | null;
  addedAt: Instant;
  officerId: string;
}>;

/** H2, H3: a request for information as asked, and where it stands: `overdue` once its due date ended unanswered. */
export type InformationRequestRecord = Omit<InformationRequested['data'], 'requestId'> &
  Readonly<{ id: string; status: 'open' | 'answered' | 'overdue'; answeredAt: Instant | null }>;

/** R7: a decision the court set aside, with the judgment and the decision it undid. */
export type SetAsideRecord = DecisionSetAside['data'];

/** R7, X1: a permit cancelled with the decision it was issued on, and the extensions that ended with it. */
export type CancelledPermit = Readonly<{
  permit: WorkPermit;
  extensions: readonly ExtensionRecord[];
  cancelledOn: PlainDate;
}>;

/** What every submitted application carries, whatever its status. Plain JSON. */
export type CaseFile = Readonly<{
  applicationId: string;
  receivedAt: Instant;
  receivedOn: PlainDate;
  submission: Submission;
  principal: PrincipalSnapshot | null;
  screening: readonly Finding[];
  routing: Routing;
  feesOwed: FeeAmounts;
  refunded: FeeAmounts;
  biometrics: BiometricsFile;
  countsAgainstCap: boolean;
  intakeYear: number | null;
  intake: Intake | null;
  possibleDuplicateOf: Readonly<{ applicationId: string; key: string }> | null;
  extensions: readonly ExtensionRecord[];
  /** I4: the medical result recorded before the decision; absent when none was (and in states stored before I4). */
  medical?: MedicalRecord;
  /** H2, H3: the requests for information, oldest first; absent when none was. */
  informationRequests?: readonly InformationRequestRecord[];
  /** R7: the decisions set aside, oldest first; absent when none was. */
  setAside?: readonly SetAsideRecord[];
  /** R7: permits cancelled with a set-aside decision; absent when none was. */
  cancelledPermits?: readonly CancelledPermit[];
  /** H1: the officers' notes, oldest first; absent when none was added. */
  notes?: readonly CaseNote[];
}>;

export type Approval = Readonly<{
  outcome: 'approved';
  decidedAt: Instant;
  officerId: string;
  notes: string;
  overrides: readonly ScreeningOverride[];
  /** M6: a family member's principal as it stood at decision; absent for a principal. */
  principal?: PrincipalSnapshot;
}>;
export type Refusal = Readonly<{
  outcome: 'refused';
  decidedAt: Instant;
  officerId: string;
  reasons: readonly RefusalReason[];
}>;

/** No application was submitted under this id yet. */
export type NewApplication = Readonly<{ status: 'new' }>;
export type ReceivedApplication = CaseFile & Readonly<{ status: 'received' }>;
export type CancelledOverCapApplication = CaseFile & Readonly<{ status: 'cancelled-over-cap'; closedAt: Instant }>;
export type ReturnedOverCapApplication = CaseFile & Readonly<{ status: 'returned-over-cap'; closedAt: Instant }>;
export type WithdrawnApplication = CaseFile &
  Readonly<{ status: 'withdrawn'; withdrawnAt: Instant; withdrawalReason: string | null }>;
export type ApprovedApplication = CaseFile & Readonly<{ status: 'approved'; decision: Approval }>;
export type RefusedApplication = CaseFile & Readonly<{ status: 'refused'; decision: Refusal }>;
export type PermitIssuedApplication = CaseFile &
  Readonly<{ status: 'permit-issued'; decision: Approval; permit: WorkPermit }>;

/** An application's state, keyed by status; JSON-serialisable (a projection may store and reload it). */
export type ApplicationState =
  | NewApplication
  | ReceivedApplication
  | CancelledOverCapApplication
  | ReturnedOverCapApplication
  | WithdrawnApplication
  | ApprovedApplication
  | RefusedApplication
  | PermitIssuedApplication;

export type ApplicationStatus = ApplicationState['status'];
/** Every state but `new`: an application that was received. */
export type SubmittedApplication = Exclude<ApplicationState, NewApplication>;

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'new',
  'received',
  'cancelled-over-cap',
  'returned-over-cap',
  'withdrawn',
  'approved',
  'refused',
  'permit-issued',
];

export const initialApplicationState = (): ApplicationState => ({ status: 'new' });
