import type { Decider } from '@app/kernel';
import { deterministicUuid } from '@app/integrity';

/** The stream category of operators' decisions on parked events (no dash inside: KurrentDB's `$by_category`). */
export const PARKING_STREAM_CATEGORY = 'parking';

/** One stream per parked event and worker: every decision on it, in order, hash-chained like a case. */
export const parkingStreamName = (handler: string, eventId: string): string =>
  `${PARKING_STREAM_CATEGORY}-${deterministicUuid(`parked:${handler}:${eventId}`)}`;

/** What an operator's decision names: the worker, the event it parked, and why the operator acts. */
export type ParkingDecisionData = Readonly<{
  handler: string;
  eventId: string;
  position: number;
  streamName: string;
  eventType: string;
  attempts: number;
  reason: string;
}>;

/** An operator sent a parked event back to its worker. */
export type ParkedEventRetried = Readonly<{ type: 'ParkedEventRetried'; data: ParkingDecisionData }>;
/** An operator let a worker pass over a parked event for good. */
export type ParkedEventSkipped = Readonly<{ type: 'ParkedEventSkipped'; data: ParkingDecisionData }>;
export type ParkingDecisionEvent = ParkedEventRetried | ParkedEventSkipped;

export type RecordParkingDecision = Readonly<{
  type: 'RecordParkingDecision';
  data: Readonly<{ decision: 'retry' | 'skip'; parked: ParkingDecisionData }>;
}>;

/**
 * The audit record of the operators' decisions on parked events: each decision is an event in the
 * log, with the operator as its actor, so an auditor sees who retried or skipped what, and why.
 */
export const parkingDecisionDecider: Decider<RecordParkingDecision, ParkingDecisionEvent, number> = {
  initialState: () => 0,
  evolve: (decisions) => decisions + 1,
  decide: ({ data }) => [
    { type: data.decision === 'retry' ? 'ParkedEventRetried' : 'ParkedEventSkipped', data: data.parked },
  ],
};
