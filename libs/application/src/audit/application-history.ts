import { DomainError } from '@app/kernel';
import {
  applicationDecider,
  applicationStreamName,
  toApplicationView,
  type ApplicationEvent,
  type ApplicationView,
} from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { asStoredShape, readStreamOrEmpty } from '../pipeline/stream-loader';

/** Which prefix of a stream to replay: up to an instant (metadata `recordedAt`) or a revision, inclusive. */
export type PointInTime = Readonly<{ asOf: string } | { revision: number }>;

/** The stored events of one application, oldest first; unknown application → APPLICATION_NOT_FOUND. */
export async function applicationHistory(store: EventStore, applicationId: string): Promise<RecordedEvent[]> {
  const events = await readStreamOrEmpty(store, applicationStreamName(applicationId));
  if (events.length === 0) throw applicationNotFound(applicationId);
  return events;
}

/**
 * The application as it stood at a point in time, by folding the decider over the stream prefix
 * (never from a read model). `recordedAt` is the hashed metadata instant, so the cut-off itself is
 * tamper-evident. Null when the application did not exist yet at that point.
 */
export function viewAt(events: readonly RecordedEvent[], at: PointInTime): ApplicationView | null {
  const prefix = events.filter((event) =>
    'revision' in at
      ? event.revision <= at.revision
      : Date.parse(String(event.metadata.recordedAt)) <= Date.parse(at.asOf),
  );
  if (prefix.length === 0) return null;
  let state = applicationDecider.initialState();
  for (const event of prefix) state = applicationDecider.evolve(state, asStoredShape<ApplicationEvent>(event));
  return toApplicationView(state, prefix[prefix.length - 1].revision);
}

export const applicationNotFound = (applicationId: string): DomainError =>
  new DomainError('APPLICATION_NOT_FOUND', `No application with id ${applicationId}`, 'not-found');
