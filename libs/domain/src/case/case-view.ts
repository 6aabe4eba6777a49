import type { Instant } from '../dates/instant';
import type { PlainDate } from '../dates/plain-date';
import type { BiometricsExemption } from '../biometrics/biometrics-requirement';
import type { RefusalReason } from '../decision/refusal-reasons';
import { positiveAmounts, type FeeAmounts } from '../fees/fee-amounts';
import { feesPaidOf } from '../fees/fees-owed';
import type { WorkPermit } from '../issuance/work-permit';
import type { MedicalProfile, SurveillanceCode } from '../issuance/medical-results';
import type { Finding } from '../screening/finding';
import type { Routing } from '../screening/forms.screening';
import { personalValuesIn, personalValuesMasker } from '@app/personal-data';
import type { ApplicationState, InformationRequestRecord, SubmittedApplication } from './state';
import { informationQueueOf, type InformationQueue } from './case-queries';
import type { InformationRequestKind } from './events';
import type { ApplicantType, ApplicationForm, Channel } from '../submission/submission';

/** shared/API.md's `ApplicationView`: what any caller may see of an application. No personal data. */
export type ApplicationView = Readonly<{
  id: string;
  revision: number;
  applicantType: ApplicantType;
  principalApplicationId: string | null;
  status: SubmittedApplication['status'];
  receivedAt: Instant;
  channel: Channel;
  form: ApplicationForm;
  routing: Routing;
  intake: Readonly<{ year: number; number: number; withinCap: boolean }> | null;
  screening: readonly Finding[];
  possibleDuplicateOf: string | null;
  fees: Readonly<{ paid: FeeAmounts; refunded: FeeAmounts }>;
  biometrics: Readonly<{
    required: boolean;
    exemption: BiometricsExemption | null;
    letter: Readonly<{ issuedAt: Instant | null; dueBy: PlainDate | null; cancelledAt: Instant | null }> | null;
    enrolledAt: Instant | null;
  }>;
  /** I4: the medical result recorded before the decision. */
  medical: Readonly<{ result: MedicalProfile; examinedOn: PlainDate; surveillance: SurveillanceCode | null }> | null;
  decision: Readonly<{
    outcome: 'approved' | 'refused';
    decidedAt: Instant;
    officerId: string;
    reasons: readonly RefusalReason[];
    /** R7: the decisions set aside before this one, oldest first. */
    setAside: readonly Readonly<{
      court: string;
      docket: string;
      decidedOn: PlainDate;
      reason: string;
      previous: Readonly<{ outcome: 'approved' | 'refused'; decidedAt: Instant; officerId: string }>;
    }>[];
  }> | null;
  permit: WorkPermit | null;
  /** M7, M11: the family the application belongs to: its principal (itself for a principal) and the members linked to it. */
  family: Readonly<{ principalApplicationId: string; members: readonly string[] }>;
  extensions: readonly Readonly<{
    id: string;
    requestedOn: PlainDate;
    status: 'requested' | 'approved' | 'refused';
    validTo: PlainDate | null;
  }>[];
  /** H2, H3: the requests for information, oldest first. */
  informationRequests: readonly Readonly<{
    id: string;
    kind: InformationRequestKind;
    concern: string;
    dueOn: PlainDate;
    status: InformationRequestRecord['status'];
  }>[];
  /** H1: the officers' notes, oldest first; the API shows them to officers and auditors only, never to intake. */
  notes: readonly Readonly<{
    id: string;
    text: string;
    corrects: string | null;
    addedAt: Instant;
    officerId: string;
  }>[];
}>;

function decisionOf(state: SubmittedApplication): ApplicationView['decision'] {
  if (!('decision' in state)) return null;
  const { outcome, decidedAt, officerId } = state.decision;
  const reasons = state.decision.outcome === 'refused' ? state.decision.reasons : [];
  const setAside = (state.setAside ?? []).map(({ court, docket, decidedOn, reason, previous }) => ({
    court,
    docket,
    decidedOn,
    reason,
    previous: { outcome: previous.outcome, decidedAt: previous.decidedAt, officerId: previous.officerId },
  }));
  return { outcome, decidedAt, officerId, reasons, setAside };
}

function medicalOf({ medical }: SubmittedApplication): ApplicationView['medical'] {
  return medical
    ? { result: medical.result, examinedOn: medical.examinedOn, surveillance: medical.surveillance }
    : null;
}

/** The findings, with any personal value of the submission an older screening detail quoted masked (docs/privacy.md). */
function screeningOf(state: SubmittedApplication): ApplicationView['screening'] {
  const mask = personalValuesMasker(personalValuesIn(state.submission));
  return state.screening.map(({ rule, outcome, detail }) => ({ rule, outcome, detail: mask(detail) }));
}

/** M7, M11: the principal whose family an application belongs to: its own id for a principal. */
export const familyPrincipalIdOf = (state: SubmittedApplication): string =>
  state.submission.applicantType === 'principal'
    ? state.applicationId
    : (state.submission.principalApplicationId ?? state.applicationId);

/**
 * The API view of an application at `revision` (the stream revision of its last event); null before
 * receipt. `familyMembers`: the members linked to its principal, which only a family index knows.
 */
export function toApplicationView(
  state: ApplicationState,
  revision: number,
  familyMembers: readonly string[] = [],
): ApplicationView | null {
  if (state.status === 'new') return null;
  const { submission, biometrics, intake } = state;
  const letter = biometrics.letter;
  return {
    id: state.applicationId,
    revision,
    applicantType: submission.applicantType,
    principalApplicationId: submission.principalApplicationId ?? null,
    status: state.status,
    receivedAt: state.receivedAt,
    channel: submission.channel,
    form: submission.form,
    routing: state.routing,
    intake: intake === null ? null : { year: intake.year, number: intake.number, withinCap: intake.withinCap },
    screening: screeningOf(state),
    possibleDuplicateOf: state.possibleDuplicateOf?.applicationId ?? null,
    fees: { paid: positiveAmounts(feesPaidOf(submission.fees)), refunded: positiveAmounts(state.refunded) },
    biometrics: {
      required: biometrics.required,
      exemption: biometrics.exemption,
      letter:
        letter === null ? null : { issuedAt: letter.issuedAt, dueBy: letter.dueBy, cancelledAt: letter.cancelledAt },
      enrolledAt: biometrics.enrolledAt,
    },
    medical: medicalOf(state),
    decision: decisionOf(state),
    permit: state.status === 'permit-issued' ? state.permit : null,
    family: { principalApplicationId: familyPrincipalIdOf(state), members: familyMembers },
    extensions: state.extensions.map(({ id, requestedOn, status, validTo }) => ({ id, requestedOn, status, validTo })),
    informationRequests: (state.informationRequests ?? []).map(({ id, kind, concern, dueOn, status }) => ({
      id,
      kind,
      concern,
      dueOn,
      status,
    })),
    notes: (state.notes ?? []).map(({ id, text, corrects, addedAt, officerId }) => ({
      id,
      text,
      corrects,
      addedAt,
      officerId,
    })),
  };
}

/** What the work queues filter and sort applications by: the view's columns, without building the whole view. */
export type ApplicationListing = Readonly<{
  status: SubmittedApplication['status'];
  intakeYear: number | null;
  routing: Routing;
  receivedAt: Instant;
  principalApplicationId: string | null;
  /** H2: the information work queue of a received case; null when it waits on no request. */
  informationQueue: InformationQueue | null;
}>;

/** The listing columns of `toApplicationView(state, …)`; null before receipt. */
export function toApplicationListing(state: ApplicationState): ApplicationListing | null {
  if (state.status === 'new') return null;
  return {
    status: state.status,
    intakeYear: state.intake?.year ?? null,
    routing: state.routing,
    receivedAt: state.receivedAt,
    principalApplicationId: state.submission.principalApplicationId ?? null,
    informationQueue: informationQueueOf(state),
  };
}
