import {
  applicationDecider,
  toApplicationListing,
  toApplicationView,
  type ApplicationEvent,
  type InformationRequested,
  type MarkInformationOverdue,
  type RecordInformationResponse,
  type RequestInformation,
} from '@app/domain';
import { applicationSpec, approved, foldStored, readyForDecision, refuse, refused, withdrawn } from '@app/testing';

const REQUEST_ID = '5b2c0a4e-6f1d-4c3b-9a8e-7d6c5b4a3f21';
const CONCERN = 'The CSQ on file does not match the employer named in the application.';

const requestInformation = (data: Partial<RequestInformation['data']> = {}): RequestInformation => ({
  type: 'RequestInformation',
  data: {
    requestId: REQUEST_ID,
    kind: 'documents',
    concern: CONCERN,
    items: [{ document: 'CSQ', question: 'Send the CSQ issued for A76.' }],
    requestedAt: '2024-05-20T14:00:00Z',
    officerId: 'officer-17',
    ...data,
  },
});
const informationRequested = (data: Partial<InformationRequested['data']> = {}): InformationRequested => ({
  type: 'InformationRequested',
  data: {
    requestId: REQUEST_ID,
    kind: 'documents',
    concern: CONCERN,
    items: [{ document: 'CSQ', question: 'Send the CSQ issued for A76.' }],
    requestedAt: '2024-05-20T14:00:00Z',
    dueOn: '2024-06-19',
    officerId: 'officer-17',
    ...data,
  },
});
const respond = (data: Partial<RecordInformationResponse['data']> = {}): RecordInformationResponse => ({
  type: 'RecordInformationResponse',
  data: { requestId: REQUEST_ID, receivedAt: '2024-06-01T12:00:00Z', documents: ['csq.pdf'], ...data },
});
const markOverdue = (at: string): MarkInformationOverdue => ({
  type: 'MarkInformationOverdue',
  data: { requestId: REQUEST_ID, at },
});
/** 00:00 in Toronto (EDT, UTC-4) on the day after the due date 2024-06-19. */
const END_OF_DUE_DATE = '2024-06-20T04:00:00Z';
const fairnessLetter = () => informationRequested({ kind: 'procedural-fairness' });
const stateOf = (events: readonly ApplicationEvent[]) => foldStored(applicationDecider, events);

describe('H2 requests for information', () => {
  it('asks for documents, due 30 days after the Eastern date of the request', () => {
    applicationSpec.given(readyForDecision()).when(requestInformation()).then([informationRequested()]);
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ requestedAt: '2024-05-21T03:30:00Z' }))
      .then([informationRequested({ requestedAt: '2024-05-21T03:30:00Z', dueOn: '2024-06-19' })]);
  });

  it('takes a due date from the request date on, never before it', () => {
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ dueOn: '2024-05-20' }))
      .then([informationRequested({ dueOn: '2024-05-20' })]);
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ dueOn: '2024-05-19' }))
      .thenThrows('H2_DUE_BEFORE_REQUEST', 'rule');
  });

  it('asks for at least one item, and the same request only once', () => {
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ items: [] }))
      .thenThrows('H2_ITEMS_REQUIRED', 'rule');
    applicationSpec
      .given([...readyForDecision(), informationRequested()])
      .when(requestInformation())
      .thenThrows('H2_INFORMATION_REQUEST_EXISTS', 'conflict');
  });

  it('records the response once, even after the request went overdue', () => {
    const given = [...readyForDecision(), informationRequested()];
    const answer = { requestId: REQUEST_ID, receivedAt: '2024-06-01T12:00:00Z', documents: ['csq.pdf'], text: null };
    applicationSpec
      .given(given)
      .when(respond())
      .then([{ type: 'InformationReceived', data: answer }]);
    const overdue = {
      type: 'InformationRequestOverdue' as const,
      data: { requestId: REQUEST_ID, at: END_OF_DUE_DATE },
    };
    applicationSpec
      .given([...given, overdue])
      .when(respond({ receivedAt: '2024-06-25T12:00:00Z' }))
      .then([{ type: 'InformationReceived', data: { ...answer, receivedAt: '2024-06-25T12:00:00Z' } }]);
    applicationSpec
      .given([...given, { type: 'InformationReceived', data: answer }])
      .when(respond())
      .thenThrows('H2_INFORMATION_ALREADY_RECEIVED', 'conflict');
    applicationSpec
      .given(given)
      .when(respond({ requestId: 'another' }))
      .thenThrows('H2_INFORMATION_REQUEST_NOT_FOUND', 'not-found');
  });

  it('marks an unanswered request overdue at the end of its due date (Eastern), not a second before', () => {
    const given = [...readyForDecision(), informationRequested()];
    applicationSpec.given(given).when(markOverdue('2024-06-20T03:59:59Z')).thenThrows('H2_NOT_YET_DUE', 'rule');
    applicationSpec
      .given(given)
      .when(markOverdue(END_OF_DUE_DATE))
      .then([{ type: 'InformationRequestOverdue', data: { requestId: REQUEST_ID, at: END_OF_DUE_DATE } }]);
    const answered = { requestId: REQUEST_ID, receivedAt: '2024-06-01T12:00:00Z', documents: [], text: null };
    applicationSpec
      .given([...given, { type: 'InformationReceived', data: answered }])
      .when(markOverdue(END_OF_DUE_DATE))
      .thenThrows('H2_INFORMATION_REQUEST_CLOSED', 'conflict');
  });

  it('shows the requests in the view and puts the case in the open, then the overdue, work queue', () => {
    const asked = [...readyForDecision(), informationRequested()];
    const overdue: ApplicationEvent = {
      type: 'InformationRequestOverdue',
      data: { requestId: REQUEST_ID, at: END_OF_DUE_DATE },
    };
    expect(toApplicationView(stateOf(asked), asked.length - 1)?.informationRequests).toEqual([
      { id: REQUEST_ID, kind: 'documents', concern: CONCERN, dueOn: '2024-06-19', status: 'open' },
    ]);
    expect(toApplicationListing(stateOf(readyForDecision()))?.informationQueue).toBeNull();
    expect(toApplicationListing(stateOf(asked))?.informationQueue).toBe('awaiting-information');
    expect(toApplicationListing(stateOf([...asked, overdue]))?.informationQueue).toBe('information-overdue');
    expect(toApplicationListing(stateOf([...asked, overdue, approved()]))?.informationQueue).toBeNull();
  });
});

describe('R2 requests for information only on an undecided application', () => {
  it('refuses a request once the application is decided or withdrawn', () => {
    applicationSpec
      .given([...readyForDecision(), approved()])
      .when(requestInformation({ requestedAt: '2024-06-04T13:00:00Z' }))
      .thenThrows('R2_ALREADY_DECIDED', 'conflict');
    applicationSpec
      .given([...readyForDecision(), withdrawn()])
      .when(requestInformation({ requestedAt: '2024-05-21T13:00:00Z' }))
      .thenThrows('R2_APPLICATION_CLOSED', 'conflict');
  });
});

describe('H3 R6 procedural-fairness letters', () => {
  it('states its concern', () => {
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ kind: 'procedural-fairness', concern: 'CSQ?' }))
      .thenThrows('H3_CONCERN_REQUIRED', 'rule');
    applicationSpec
      .given(readyForDecision())
      .when(requestInformation({ kind: 'procedural-fairness', items: [] }))
      .then([informationRequested({ kind: 'procedural-fairness', items: [] })]);
  });

  it('blocks a refusal while open and not yet due, to the last minute of the due date (Eastern)', () => {
    applicationSpec
      .given([...readyForDecision(), fairnessLetter()])
      .when(refuse({ decidedAt: '2024-06-20T03:59:00Z' }))
      .thenThrows('R6_FAIRNESS_PENDING', 'rule');
  });

  it('allows the refusal after the due date, or once answered', () => {
    applicationSpec
      .given([...readyForDecision(), fairnessLetter()])
      .when(refuse({ decidedAt: END_OF_DUE_DATE }))
      .then([refused({ decidedAt: END_OF_DUE_DATE })]);
    const answered: ApplicationEvent = {
      type: 'InformationReceived',
      data: { requestId: REQUEST_ID, receivedAt: '2024-06-01T12:00:00Z', documents: [], text: 'The CSQ is attached.' },
    };
    applicationSpec
      .given([...readyForDecision(), fairnessLetter(), answered])
      .when(refuse())
      .then([refused()]);
  });

  it('does not block a refusal for an open request for documents', () => {
    applicationSpec
      .given([...readyForDecision(), informationRequested()])
      .when(refuse())
      .then([refused()]);
  });
});
