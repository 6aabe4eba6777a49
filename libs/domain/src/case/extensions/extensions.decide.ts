import { isAfter } from '../../dates/plain-date';
import { fail } from '../../errors/domain-error-codes';
import { isNonTrivialText } from '../../decision/explanations';
import { extensionMonths, extensionValidTo } from '../../extensions/extension-validity';
import { POLICY } from '../../policy/policy';
import { asStored } from '../as-stored';
import { currentPermitValidTo } from '../case-queries';
import { requireDate, requireDateFrom, requireSubmitted } from '../guards';
import type { ApplicationState, ExtensionRecord, PermitIssuedApplication } from '../state';
import type {
  DecideExtension,
  RequestExtension,
  ExtensionApproved,
  ExtensionRefused,
  ExtensionRequested,
  ProvenPrApplication,
} from './extensions.messages';
import { principalForRenewal, principalValidToOf } from './family-renewal';
import type { Deciders } from '../registries';
import type { ExtensionsCommand } from './extensions.messages';

/** X1, X5: an issued permit is extended: a principal's A76 permit, or a family member's renewed in line with the principal. */
function extendable(state: ApplicationState): PermitIssuedApplication {
  const current = requireSubmitted(state);
  if (current.status !== 'permit-issued')
    fail('X1_PERMIT_REQUIRED', `The application is ${current.status}, without a permit`);
  return current;
}

/** X4 (R183(5), maintained status): the request is dated no later than the permit's current valid-to; after it, restoration ($2). */
function requireMaintainedStatus(state: PermitIssuedApplication, requestedOn: string): void {
  const validTo = currentPermitValidTo(state) ?? state.permit.validTo;
  if (isAfter(requestedOn, validTo)) {
    fail(
      'X4_PERMIT_EXPIRED',
      `Requested on ${requestedOn}, after the permit expired on ${validTo}: apply for restoration of status instead`,
    );
  }
}

/** X1, X2: proof of a PR application still in processing, with its AOR; no new invitation letter is asked for. */
function provenPrApplication(pr: RequestExtension['data']['prApplication']): ProvenPrApplication {
  const status = pr.status ?? 'in-progress';
  if (status !== 'in-progress')
    fail('X1_PR_ALREADY_DECIDED', `The PR application is ${status}, no longer in processing`);
  if (pr.aorReceivedOn === undefined)
    fail('X2_AOR_REQUIRED', 'The PR application has no acknowledgment of receipt (AOR)');
  const submittedOn = requireDate(pr.submittedOn, 'prApplication.submittedOn');
  const aorReceivedOn = requireDateFrom(pr.aorReceivedOn, submittedOn, 'prApplication.aorReceivedOn');
  return { number: pr.number, submittedOn, aorReceivedOn, status };
}

/** X1, X2, X4, X5: a request for a longer permit while the PR application is processed and the permit valid. One at a time. */
export function decideRequestExtension(
  { data }: RequestExtension,
  state: ApplicationState,
): readonly ExtensionRequested[] {
  const current = extendable(state);
  if (current.extensions.some((extension) => extension.id === data.extensionId)) {
    fail('X1_EXTENSION_ALREADY_REQUESTED', `Extension ${data.extensionId} was already requested`);
  }
  if (current.extensions.some((extension) => extension.status === 'requested')) {
    fail('X1_EXTENSION_PENDING', 'Another extension request is waiting for a decision');
  }
  const requestedOn = requireDateFrom(data.requestedOn, current.permit.issuedOn, 'requestedOn');
  requireMaintainedStatus(current, requestedOn);
  const principal = principalForRenewal(current, data.principal);
  const prApplication = provenPrApplication(data.prApplication);
  const passportExpiresOn = requireDate(
    data.passportExpiresOn ?? current.submission.applicant.passport.expiresOn,
    'passportExpiresOn',
  );
  const requested = { extensionId: data.extensionId, requestedOn, prApplication, passportExpiresOn };
  return [
    { type: 'ExtensionRequested', data: principal ? { ...requested, principal: asStored(principal) } : requested },
  ];
}

function pendingExtension(state: PermitIssuedApplication, extensionId: string): ExtensionRecord {
  const extension = state.extensions.find((candidate) => candidate.id === extensionId);
  if (!extension) fail('X1_EXTENSION_NOT_FOUND', `No extension ${extensionId} was requested`);
  if (extension.status !== 'requested')
    fail('X3_EXTENSION_ALREADY_DECIDED', `Extension ${extensionId} was already ${extension.status}`);
  return extension;
}

/**
 * X3, X5: approved for 12 months by default or 1–36 chosen by the officer, from the decision date,
 * capped by the passport and, for a family member, by the principal's authorization at decision.
 */
export function decideExtension(
  { data }: DecideExtension,
  state: ApplicationState,
): readonly (ExtensionApproved | ExtensionRefused)[] {
  const current = extendable(state);
  const extension = pendingExtension(current, data.extensionId);
  const decidedOn = requireDateFrom(data.decidedOn, extension.requestedOn, 'decidedOn');
  if (data.outcome === 'refused') {
    const reasons = data.reasons ?? [];
    if (reasons.length === 0) fail('R1_REASONS_REQUIRED', 'A refused extension states why');
    if (!reasons.every(isNonTrivialText)) {
      fail(
        'R1_EXPLANATION_REQUIRED',
        `Each reason needs at least ${POLICY.minimumExplanationCharacters} non-blank characters`,
      );
    }
    return [{ type: 'ExtensionRefused', data: { extensionId: extension.id, decidedOn, reasons } }];
  }
  const principal = principalForRenewal(current, data.principal);
  const months = extensionMonths(data.months);
  const previousValidTo = currentPermitValidTo(current) ?? current.permit.validTo;
  const validTo = extensionValidTo({
    decidedOn,
    months,
    currentValidTo: previousValidTo,
    passportExpiresOn: extension.passportExpiresOn,
    principalValidTo: principalValidToOf(principal),
  });
  const approvedExtension = { extensionId: extension.id, decidedOn, months, previousValidTo, validTo };
  return [
    {
      type: 'ExtensionApproved',
      data: principal ? { ...approvedExtension, principal: asStored(principal) } : approvedExtension,
    },
  ];
}

/** The deciders of this use case, by command type. */
export const extensionsDeciders: Deciders<ExtensionsCommand> = {
  RequestExtension: decideRequestExtension,
  DecideExtension: decideExtension,
};
