import type { Command, Event } from '@app/kernel';
import type { Instant } from '../../dates/instant';
import type { PlainDate } from '../../dates/plain-date';

/**
 * R7: a judicial review is the Federal Court's review of an officer's decision; a judgment that
 * sets the decision aside sends the application back for a new decision by an officer.
 */
export type Judgment = Readonly<{ court: string; docket: string; decidedOn: PlainDate; reason: string }>;

/** R7: the decision a set-aside undid, as the officer took it. */
export type PreviousDecision = Readonly<{ outcome: 'approved' | 'refused'; decidedAt: Instant; officerId: string }>;

/** R7: record a court's judgment setting the decision aside (an administrator acts on it). */
export type SetAsideDecision = Command<'SetAsideDecision', Judgment & Readonly<{ recordedAt: Instant }>>;

/** R7: the decision was set aside; the application is open again for a new decision (R2's only exception). */
export type DecisionSetAside = Event<
  'DecisionSetAside',
  Judgment & Readonly<{ recordedAt: Instant; previous: PreviousDecision }>
>;

/** R7, X1: the permit issued on a set-aside decision is cancelled, and the extensions of that permit end with it. */
export type WorkPermitCancelled = Event<
  'WorkPermitCancelled',
  {
    cancelledOn: PlainDate;
    issuedOn: PlainDate;
    /** The end of the authorization it gave, extensions included. */
    validTo: PlainDate;
    endedExtensions: readonly string[];
    reason: string;
  }
>;

/** The commands of this use case. */
export type SetAsideCommand = SetAsideDecision;
/** The events its commands decide. */
export type SetAsideEvent = WorkPermitCancelled | DecisionSetAside;
