import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';

/** H2, H3: what an officer asks for: documents or answers, or (H3) a procedural-fairness letter. */
export const INFORMATION_REQUEST_KINDS = ['documents', 'procedural-fairness'] as const;
export type InformationRequestKind = (typeof INFORMATION_REQUEST_KINDS)[number];

/** H2: one thing asked for: a question, with the document that answers it when one is wanted. */
export type InformationItem = Readonly<{ document?: string; question: string }>;

/** H2, H3: an officer asks the applicant for documents or answers, by a due date. */
export type RequestInformation = Command<
  'RequestInformation',
  {
    requestId: string;
    kind: InformationRequestKind;
    concern: string;
    items: readonly InformationItem[];
    requestedAt: Instant;
    /** H2: the last Eastern day to answer; 30 days after the request's Eastern date when absent [INF]. */
    dueOn?: PlainDate;
    officerId: string;
  }
>;

/** H2: intake records the applicant's response to a request. */
export type RecordInformationResponse = Command<
  'RecordInformationResponse',
  { requestId: string; receivedAt: Instant; documents: readonly string[]; text?: string | null }
>;

/** H2: the information timer marks an unanswered request overdue once its due date has ended (Eastern). */
export type MarkInformationOverdue = Command<'MarkInformationOverdue', { requestId: string; at: Instant }>;

export type InformationRequested = Event<
  'InformationRequested',
  {
    requestId: string;
    kind: InformationRequestKind;
    concern: string;
    items: readonly InformationItem[];
    requestedAt: Instant;
    dueOn: PlainDate;
    officerId: string;
  }
>;

export type InformationReceived = Event<
  'InformationReceived',
  { requestId: string; receivedAt: Instant; documents: readonly string[]; text: string | null }
>;

export type InformationRequestOverdue = Event<'InformationRequestOverdue', { requestId: string; at: Instant }>;

/** The commands of this use case. */
export type InformationRequestsCommand = RequestInformation | RecordInformationResponse | MarkInformationOverdue;
/** The events its commands decide. */
export type InformationRequestsEvent = InformationRequested | InformationReceived | InformationRequestOverdue;
