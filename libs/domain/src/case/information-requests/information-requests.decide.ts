import { easternDateOf } from '../../dates/instant';
import { addDays, isAfter, isBefore } from '../../dates/plain-date';
import { fail } from '../../errors/domain-error-codes';
import { isNonTrivialText } from '../../decision/explanations';
import { POLICY } from '../../policy/policy';
import { requireDate, requireInstantFrom, requireSubmitted, requireUndecided } from '../guards';
import type { Deciders } from '../registries';
import type { ApplicationState, InformationRequestRecord, SubmittedApplication } from '../state';
import {
  INFORMATION_REQUEST_KINDS,
  type InformationReceived,
  type InformationRequested,
  type InformationRequestOverdue,
  type InformationRequestsCommand,
  type MarkInformationOverdue,
  type RecordInformationResponse,
  type RequestInformation,
} from './information-requests.messages';

function requestOf(state: SubmittedApplication, requestId: string): InformationRequestRecord {
  const request = (state.informationRequests ?? []).find((candidate) => candidate.id === requestId);
  if (!request) fail('H2_INFORMATION_REQUEST_NOT_FOUND', `No request for information ${requestId} was made`);
  return request;
}

/**
 * H2, H3, R2: an officer asks for documents or answers on an undecided application, due 30 days
 * after the request's Eastern date unless a due date no earlier than it is given. A
 * procedural-fairness letter (H3) states its concern.
 */
export function decideRequestInformation(
  { data }: RequestInformation,
  state: ApplicationState,
): readonly InformationRequested[] {
  const current = requireUndecided(state);
  if ((current.informationRequests ?? []).some((request) => request.id === data.requestId))
    fail('H2_INFORMATION_REQUEST_EXISTS', `A request for information ${data.requestId} was already made`);
  if (!INFORMATION_REQUEST_KINDS.includes(data.kind))
    fail('H2_UNKNOWN_REQUEST_KIND', `Not a kind of request for information: ${String(data.kind)}`);
  if (data.kind === 'procedural-fairness' && !isNonTrivialText(data.concern))
    fail(
      'H3_CONCERN_REQUIRED',
      `A procedural-fairness letter states its concern in at least ${POLICY.minimumExplanationCharacters} characters`,
    );
  if (data.kind === 'documents' && data.items.length === 0)
    fail('H2_ITEMS_REQUIRED', 'A request for documents or answers asks for at least one item');
  const requestedAt = requireInstantFrom(data.requestedAt, current.receivedAt, 'requestedAt');
  const requestedOn = easternDateOf(requestedAt);
  const dueOn = requireDate(data.dueOn ?? addDays(requestedOn, POLICY.informationRequestDays), 'dueOn');
  if (isBefore(dueOn, requestedOn))
    fail('H2_DUE_BEFORE_REQUEST', `dueOn ${dueOn} is before the request date ${requestedOn}`);
  const { requestId, kind, concern, items, officerId } = data;
  return [{ type: 'InformationRequested', data: { requestId, kind, concern, items, requestedAt, dueOn, officerId } }];
}

/** H2: intake records the response once; a response after the due date is still taken (the request is answered). */
export function decideRecordInformationResponse(
  { data }: RecordInformationResponse,
  state: ApplicationState,
): readonly InformationReceived[] {
  const request = requestOf(requireSubmitted(state), data.requestId);
  if (request.status === 'answered')
    fail(
      'H2_INFORMATION_ALREADY_RECEIVED',
      `Request ${request.id} was already answered at ${String(request.answeredAt)}`,
    );
  const receivedAt = requireInstantFrom(data.receivedAt, request.requestedAt, 'receivedAt');
  const { requestId, documents } = data;
  return [{ type: 'InformationReceived', data: { requestId, receivedAt, documents, text: data.text ?? null } }];
}

/** H2, R2: an open request of an undecided application is overdue once its due date has ended (Eastern), not before. */
export function decideMarkInformationOverdue(
  { data }: MarkInformationOverdue,
  state: ApplicationState,
): readonly InformationRequestOverdue[] {
  const request = requestOf(requireUndecided(state), data.requestId);
  if (request.status !== 'open')
    fail('H2_INFORMATION_REQUEST_CLOSED', `Request ${request.id} is ${request.status}, no longer open`);
  const at = requireInstantFrom(data.at, request.requestedAt, 'at');
  if (!isAfter(easternDateOf(at), request.dueOn))
    fail('H2_NOT_YET_DUE', `Request ${request.id} is due on ${request.dueOn}, which has not ended at ${at}`);
  return [{ type: 'InformationRequestOverdue', data: { requestId: request.id, at } }];
}

/** The deciders of this use case, by command type. */
export const informationRequestsDeciders: Deciders<InformationRequestsCommand> = {
  RequestInformation: decideRequestInformation,
  RecordInformationResponse: decideRecordInformationResponse,
  MarkInformationOverdue: decideMarkInformationOverdue,
};
