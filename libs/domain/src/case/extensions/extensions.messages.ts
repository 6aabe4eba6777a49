import type { Command, Event } from '@app/kernel';
import type { PlainDate } from '../../dates/plain-date';
import type { PrApplicationStatus } from '../../submission/submission';

/** X1, X2: proof of the PR application and its AOR; no new invitation letter. */
export type ExtensionPrApplication = Readonly<{
  number: string;
  submittedOn: PlainDate;
  aorReceivedOn?: PlainDate;
  /** X1: defaults to in progress; an extension needs the PR application still in processing. */
  status?: PrApplicationStatus;
}>;

export type RequestExtension = Command<
  'RequestExtension',
  {
    extensionId: string;
    requestedOn: PlainDate;
    prApplication: ExtensionPrApplication;
    /** X3, I2: the expiry of a renewed passport; defaults to the passport of the application. */
    passportExpiresOn?: PlainDate;
  }
>;

export type DecideExtension = Command<
  'DecideExtension',
  {
    extensionId: string;
    decidedOn: PlainDate;
    outcome: 'approved' | 'refused';
    /** X3: 1–36 months; 12 when absent. */
    months?: number;
    /** Why the extension was refused (required for a refusal, R1). */
    reasons?: readonly string[];
  }
>;

/** X2: the PR application an extension rests on, with its AOR date. */
export type ProvenPrApplication = Readonly<{
  number: string;
  submittedOn: PlainDate;
  aorReceivedOn: PlainDate;
  status: PrApplicationStatus;
}>;

export type ExtensionRequested = Event<
  'ExtensionRequested',
  { extensionId: string; requestedOn: PlainDate; prApplication: ProvenPrApplication; passportExpiresOn: PlainDate }
>;

export type ExtensionApproved = Event<
  'ExtensionApproved',
  { extensionId: string; decidedOn: PlainDate; months: number; previousValidTo: PlainDate; validTo: PlainDate }
>;

export type ExtensionRefused = Event<'ExtensionRefused', { extensionId: string; decidedOn: PlainDate; reasons: readonly string[] }>;
