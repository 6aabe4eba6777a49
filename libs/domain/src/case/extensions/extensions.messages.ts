import type { Command, Event } from '@app/kernel';
import type { PlainDate } from '../../dates/plain-date';
import type { PrincipalSnapshot } from '../../submission/principal-snapshot';
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
    /** X5, M2: required for a family member: the principal as it stands at the request; the handler reads it. */
    principal?: PrincipalSnapshot | null;
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
    /** X5, M2: required for a family member: the principal as it stands at decision; the handler reads it. */
    principal?: PrincipalSnapshot | null;
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
  {
    extensionId: string;
    requestedOn: PlainDate;
    prApplication: ProvenPrApplication;
    passportExpiresOn: PlainDate;
    /** X5: a family member's principal as it stood at the request; absent for a principal. */
    principal?: PrincipalSnapshot;
  }
>;

export type ExtensionApproved = Event<
  'ExtensionApproved',
  {
    extensionId: string;
    decidedOn: PlainDate;
    months: number;
    previousValidTo: PlainDate;
    validTo: PlainDate;
    /** X5: a family member's principal as it stood at decision (its permit bounds the renewal); absent for a principal. */
    principal?: PrincipalSnapshot;
  }
>;

export type ExtensionRefused = Event<
  'ExtensionRefused',
  { extensionId: string; decidedOn: PlainDate; reasons: readonly string[] }
>;

/** The commands of this use case. */
export type ExtensionsCommand = RequestExtension | DecideExtension;
/** The events its commands decide. */
export type ExtensionsEvent = ExtensionRequested | ExtensionApproved | ExtensionRefused;
