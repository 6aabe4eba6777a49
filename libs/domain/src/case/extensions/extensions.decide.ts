import { fail } from '../../errors/domain-error-codes';
import { isNonTrivialText } from '../../decision/explanations';
import { extensionMonths, extensionValidTo } from '../../extensions/extension-validity';
import { POLICY } from '../../policy/policy';
import { currentPermitValidTo } from '../case-queries';
import { requireDate, requireDateFrom, requireSubmitted } from '../guards';
import type { ApplicationState, ExtensionRecord, PermitIssuedApplication } from '../state';
import type { DecideExtension, RequestExtension, ExtensionApproved, ExtensionRefused, ExtensionRequested, ProvenPrApplication } from './extensions.messages';

/** X1: only a principal's issued A76 permit is extended. */
function extendable(state: ApplicationState): PermitIssuedApplication {
  const current = requireSubmitted(state);
  if (current.status !== 'permit-issued') fail('X1_PERMIT_REQUIRED', `The application is ${current.status}, without a permit`);
  if (current.submission.applicantType !== 'principal') fail('X1_PRINCIPALS_ONLY', "Extensions are for the principal's A76 permit");
  return current;
}

/** X1, X2: proof of a PR application still in processing, with its AOR; no new invitation letter is asked for. */
function provenPrApplication(pr: RequestExtension['data']['prApplication']): ProvenPrApplication {
  const status = pr.status ?? 'in-progress';
  if (status !== 'in-progress') fail('X1_PR_ALREADY_DECIDED', `The PR application is ${status}, no longer in processing`);
  if (pr.aorReceivedOn === undefined) fail('X2_AOR_REQUIRED', 'The PR application has no acknowledgment of receipt (AOR)');
  const submittedOn = requireDate(pr.submittedOn, 'prApplication.submittedOn');
  const aorReceivedOn = requireDateFrom(pr.aorReceivedOn, submittedOn, 'prApplication.aorReceivedOn');
  return { number: pr.number, submittedOn, aorReceivedOn, status };
}

/** X1, X2: a request for a longer permit while the PR application is processed. One request at a time. */
export function decideRequestExtension({ data }: RequestExtension, state: ApplicationState): readonly ExtensionRequested[] {
  const current = extendable(state);
  if (current.extensions.some((extension) => extension.id === data.extensionId)) {
    fail('X1_EXTENSION_ALREADY_REQUESTED', `Extension ${data.extensionId} was already requested`);
  }
  if (current.extensions.some((extension) => extension.status === 'requested')) {
    fail('X1_EXTENSION_PENDING', 'Another extension request is waiting for a decision');
  }
  const requestedOn = requireDateFrom(data.requestedOn, current.permit.issuedOn, 'requestedOn');
  const prApplication = provenPrApplication(data.prApplication);
  const passportExpiresOn = requireDate(data.passportExpiresOn ?? current.submission.applicant.passport.expiresOn, 'passportExpiresOn');
  return [{ type: 'ExtensionRequested', data: { extensionId: data.extensionId, requestedOn, prApplication, passportExpiresOn } }];
}

function pendingExtension(state: PermitIssuedApplication, extensionId: string): ExtensionRecord {
  const extension = state.extensions.find((candidate) => candidate.id === extensionId);
  if (!extension) fail('X1_EXTENSION_NOT_FOUND', `No extension ${extensionId} was requested`);
  if (extension.status !== 'requested') fail('X3_EXTENSION_ALREADY_DECIDED', `Extension ${extensionId} was already ${extension.status}`);
  return extension;
}

/** X3: approved for 12 months by default or 1–36 chosen by the officer, from the decision date, capped by the passport. */
export function decideExtension({ data }: DecideExtension, state: ApplicationState): readonly (ExtensionApproved | ExtensionRefused)[] {
  const current = extendable(state);
  const extension = pendingExtension(current, data.extensionId);
  const decidedOn = requireDateFrom(data.decidedOn, extension.requestedOn, 'decidedOn');
  if (data.outcome === 'refused') {
    const reasons = data.reasons ?? [];
    if (reasons.length === 0) fail('R1_REASONS_REQUIRED', 'A refused extension states why');
    if (!reasons.every(isNonTrivialText)) {
      fail('R1_EXPLANATION_REQUIRED', `Each reason needs at least ${POLICY.minimumExplanationCharacters} non-blank characters`);
    }
    return [{ type: 'ExtensionRefused', data: { extensionId: extension.id, decidedOn, reasons } }];
  }
  const months = extensionMonths(data.months);
  const previousValidTo = currentPermitValidTo(current) ?? current.permit.validTo;
  const validTo = extensionValidTo({ decidedOn, months, currentValidTo: previousValidTo, passportExpiresOn: extension.passportExpiresOn });
  return [{ type: 'ExtensionApproved', data: { extensionId: extension.id, decidedOn, months, previousValidTo, validTo } }];
}
