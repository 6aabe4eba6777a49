import {
  APPLICATION_STREAM_CATEGORY,
  applicationDecider,
  capForYear,
  type ApplicationEvent,
  type ApplicationReceived,
  type ApplicationState,
} from '@app/domain';
import { asStoredShape } from '@app/application';
import type { RecordedEvent } from '@app/event-store';
import { PoisonEventError, type ReactionCause } from '@app/projections';
import { asPoisonEvent } from '../process-failures';

export type CountedReceipt = Readonly<{ applicationId: string; year: number }>;
export type RecordedNumber = Readonly<{ year: number; number: number; withinCap: boolean }>;
export type RecordedInBatch = Readonly<{
  numbers: ReadonlyMap<string, RecordedNumber>;
  commandIds: ReadonlySet<string>;
}>;

/**
 * The intake numbers the batch itself already records, by stream, and the ids of the commands its
 * events came from. When the worker replays a log it numbered before (a first start on an existing
 * store, a read-model file deleted, a crash), a receipt and what the worker did about it often
 * arrive in the same batch; the commands would be answered "already applied" after a stream read
 * and a fold each, so they are not sent at all.
 */
export function recordedInBatch(batch: readonly RecordedEvent[]): RecordedInBatch {
  const numbers = new Map<string, RecordedNumber>();
  const commandIds = new Set<string>();
  for (const event of batch) {
    if (event.type === 'IntakeNumberAssigned') numbers.set(event.streamName, event.data as RecordedNumber);
    if (typeof event.metadata.commandId === 'string') commandIds.add(event.metadata.commandId);
  }
  return { numbers, commandIds };
}

/**
 * C3: numbers are a pure function of the log's order, so replaying the log must give every receipt
 * the number the log already records for it. Anything else means the counters do not match the
 * log: the receipt is parked for an operator, named, rather than renumbered.
 */
export function numberMismatch(
  cause: RecordedEvent,
  receipt: CountedReceipt,
  number: number,
  recorded: RecordedNumber,
): PoisonEventError | null {
  if (recorded.year === receipt.year && recorded.number === number) return null;
  return new PoisonEventError(
    cause,
    `C3: the intake counters give ${receipt.applicationId} number ${number} of ${receipt.year}, but the log records number ${recorded.number} of ${recorded.year}: the counters do not match the log`,
  );
}

/**
 * C1, P3: a receipt stored before P3 refused receipts from before the program opened has no cap
 * year; it is never numbered (parked with the rule, for an operator to skip).
 */
export function requireCapYear(cause: RecordedEvent, receipt: CountedReceipt): void {
  if (capForYear(receipt.year) !== null) return;
  throw new PoisonEventError(
    cause,
    `P3, C1: ${receipt.applicationId} was received in ${receipt.year}, before the program opened (2022-05-24): no cap is set for that year and it is not numbered`,
  );
}

/**
 * Whether a receipt may take a number (C2: a principal's; an event that does not say is taken to),
 * without reading it further: what a writer's answer waits for the numbering of.
 */
export function mayBeCounted(event: ReactionCause): boolean {
  if (event.type !== 'ApplicationReceived' || !event.streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`))
    return false;
  return (event.data as Partial<ApplicationReceived['data']> | null)?.countsAgainstCap !== false;
}

/**
 * A principal's `ApplicationReceived` (C2: family members are not counted), with its Eastern year
 * (C3). A receipt that cannot be read is refused before it takes a number, like one with no cap year.
 */
export function countedReceipt(event: RecordedEvent): CountedReceipt | null {
  if (event.type !== 'ApplicationReceived' || !event.streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`))
    return null;
  let state: ApplicationState;
  try {
    state = applicationDecider.evolve(applicationDecider.initialState(), asStoredShape<ApplicationEvent>(event));
  } catch (error) {
    throw asPoisonEvent(error, event);
  }
  if (state.status === 'new' || !state.countsAgainstCap || state.intakeYear === null) return null;
  if (
    typeof state.applicationId !== 'string' ||
    !Number.isInteger(state.intakeYear) ||
    typeof state.submission?.applicant !== 'object'
  ) {
    throw new PoisonEventError(
      event,
      'C3: the receipt carries no application id, Eastern intake year or submission: it is not numbered',
    );
  }
  return { applicationId: state.applicationId, year: state.intakeYear };
}
