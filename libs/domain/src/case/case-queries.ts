import { automaticLetterDueAt } from '../biometrics/instruction-letter';
import type { Instant } from '../dates/instant';
import { isAfter, type PlainDate } from '../dates/plain-date';
import { amountOf, shortfall } from '../fees/fee-amounts';
import { feesPaidOf } from '../fees/fees-owed';
import type { PrincipalSnapshot } from '../submission/principal-snapshot';
import type { ApplicationState, InformationRequestRecord, SubmittedApplication } from './state';
import { isFamilyMember } from '../submission/submission';

/** The end of the current work authorization: the permit, or the latest approved extension; null before issuance. */
export function currentPermitValidTo(state: ApplicationState): PlainDate | null {
  if (state.status !== 'permit-issued') return null;
  return state.extensions.reduce<PlainDate>(
    (validTo, extension) =>
      extension.validTo !== null && isAfter(extension.validTo, validTo) ? extension.validTo : validTo,
    state.permit.validTo,
  );
}

/** X2: an extension, even of a permit cancelled since (R7), proved a PR application. */
const provedPrApplication = (state: SubmittedApplication): boolean =>
  state.extensions.length > 0 || (state.cancelledPermits ?? []).some((cancelled) => cancelled.extensions.length > 0);

/** M1–M3: what a family member's command needs of its principal; null when `state` is not a principal's application. */
export function principalSnapshotOf(state: ApplicationState): PrincipalSnapshot | null {
  if (state.status === 'new' || isFamilyMember(state.submission)) return null;
  return {
    applicationId: state.applicationId,
    status: state.status,
    permitValidTo: currentPermitValidTo(state),
    prApplicationSubmitted: state.submission.prApplication !== undefined || provedPrApplication(state),
  };
}

/** C3, C4: the intake process found the application past its year's cap. */
export const isOverCap = (state: ApplicationState): boolean =>
  state.status !== 'new' && state.intake !== null && !state.intake.withinCap;

/** B1: the biometric fee owed was paid with the application (nothing is owed once the family maximum is paid). */
export function biometricFeePaid(state: SubmittedApplication): boolean {
  const owed = { biometrics: amountOf(state.feesOwed, 'biometrics') };
  return shortfall(owed, feesPaidOf(state.submission.fees)).biometrics === undefined;
}

/** B1: the application itself calls for the automatic BIL: online, biometrics required, fee paid with it. */
export const automaticLetterOwed = (state: SubmittedApplication): boolean =>
  state.submission.channel === 'online' && state.biometrics.required && biometricFeePaid(state);

/** B1, C5: when the BIL timer should issue the automatic letter; null once issued, or when none is owed or allowed. */
export function automaticLetterDue(state: ApplicationState): Instant | null {
  if (state.status !== 'received' || state.biometrics.letter !== null || isOverCap(state)) return null;
  return automaticLetterOwed(state) ? automaticLetterDueAt(state.receivedAt) : null;
}

/** R3: an officer acted once a BIL went out or a decision was taken, even one set aside since (R7). */
export function officerActed(state: SubmittedApplication): boolean {
  const letter = state.biometrics.letter;
  return (letter !== null && letter.issuedAt !== null) || 'decision' in state || (state.setAside ?? []).length > 0;
}

/** R6, H3: the procedural-fairness letter still open and not yet due on `on` (an Eastern date); null when none is. */
export function pendingFairnessLetter(state: SubmittedApplication, on: PlainDate): InformationRequestRecord | null {
  const pending = (state.informationRequests ?? []).find(
    (request) => request.kind === 'procedural-fairness' && request.status === 'open' && !isAfter(on, request.dueOn),
  );
  return pending ?? null;
}

/** H2: the work queues a received case with requests for information sits in (filterable like statuses). */
export const INFORMATION_QUEUES = ['awaiting-information', 'information-overdue'] as const;
export type InformationQueue = (typeof INFORMATION_QUEUES)[number];

/** H2: `information-overdue` when a request is overdue unanswered, else `awaiting-information` when one is open; null once decided or closed. */
export function informationQueueOf(state: ApplicationState): InformationQueue | null {
  if (state.status !== 'received') return null;
  const statuses = new Set((state.informationRequests ?? []).map((request) => request.status));
  if (statuses.has('overdue')) return 'information-overdue';
  return statuses.has('open') ? 'awaiting-information' : null;
}
