import type { ReceivedApplication } from '../state';
import type { ApplicationReceived } from './submit.messages';

/** A case begins with its receipt: the submission, its screening and what it owes. */
export function receivedFrom({ data }: ApplicationReceived): ReceivedApplication {
  return {
    status: 'received',
    applicationId: data.applicationId,
    receivedAt: data.receivedAt,
    receivedOn: data.receivedOn,
    submission: data.submission,
    principal: data.principal,
    screening: data.screening,
    routing: data.routing,
    feesOwed: data.feesOwed,
    refunded: {},
    biometrics: { ...data.biometrics, letter: null, enrolledAt: null, location: null },
    countsAgainstCap: data.countsAgainstCap,
    intakeYear: data.intakeYear,
    intake: null,
    possibleDuplicateOf: null,
    extensions: [],
  };
}
