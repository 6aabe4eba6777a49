import type { Evolvers } from '../registries';
import type { InformationRequestRecord, SubmittedApplication } from '../state';
import type { InformationRequestsEvent } from './information-requests.messages';

function changed(
  current: SubmittedApplication,
  requestId: string,
  change: Partial<InformationRequestRecord>,
): SubmittedApplication {
  const requests = (current.informationRequests ?? []).map((request) =>
    request.id === requestId ? { ...request, ...change } : request,
  );
  return { ...current, informationRequests: requests };
}

/** H2, H3: a request opens; a response answers it (even an overdue one); the timer marks it overdue. */
export const informationRequestsEvolvers: Evolvers<InformationRequestsEvent> = {
  InformationRequested: (current, { data: { requestId, ...asked } }) => {
    const record: InformationRequestRecord = { id: requestId, ...asked, status: 'open', answeredAt: null };
    return { ...current, informationRequests: [...(current.informationRequests ?? []), record] };
  },
  InformationReceived: (current, { data }) =>
    changed(current, data.requestId, { status: 'answered', answeredAt: data.receivedAt }),
  InformationRequestOverdue: (current, { data }) => changed(current, data.requestId, { status: 'overdue' }),
};
