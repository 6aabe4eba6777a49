// From its module, not @app/application's index: the feed tail's thread loads this file, and the index
// brings Nest, CQRS and rxjs (~670 modules, ~15 MB of the thread's memory) that it never runs.
import { readStreamOrEmpty } from '../../../../libs/application/src/pipeline/stream-loader';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { personalValuesOfCase, redactPersonalData } from '@app/personal-data';
import type { PersonalDataChoice } from './audit-queries.dto';

/** One event as the auditors' routes return it (shared/API.md). */
export type AuditorEvent = Readonly<{
  streamName: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: Readonly<Record<string, unknown>>;
  recordedAt: string;
}>;

/** The events of one case as an auditor sees them: `data` redacted unless `personalData=include`. */
export function caseEventsFor(
  events: readonly RecordedEvent[],
  personalData: PersonalDataChoice | undefined,
): AuditorEvent[] {
  const caseValues = personalData === 'include' ? null : personalValuesOfCase(events);
  return events.map((event) => auditorEvent(event, caseValues));
}

/**
 * A page of the global log as an auditor sees it. Without `personalData=include`, each event's
 * whole stream is read for its case's values: a page may hold a late event (a refusal quoting a
 * number in its free text) without the `ApplicationReceived` that carries the number. Other streams
 * (parking decisions, the access log) hold no case's values: they are not read.
 */
export async function logPageFor(
  store: EventStore,
  page: readonly RecordedEvent[],
  personalData: PersonalDataChoice | undefined,
): Promise<AuditorEvent[]> {
  if (personalData === 'include') return page.map((event) => auditorEvent(event, null));
  const caseValues = new Map<string, string[]>();
  for (const streamName of new Set(page.map((event) => event.streamName).filter(isApplicationStream)))
    caseValues.set(streamName, personalValuesOfCase(await readStreamOrEmpty(store, streamName)));
  return page.map((event) => auditorEvent(event, caseValues.get(event.streamName) ?? []));
}

/**
 * The stored event with its `data` redacted (every classified field, and the case's values quoted
 * elsewhere), or whole when `caseValues` is null. Metadata (actor, ids, hashes) holds no personal
 * data and is returned as stored: its hashes are those of the stored events, which redacted data no
 * longer matches, and the verification route checks the stored events.
 */
function auditorEvent(event: RecordedEvent, caseValues: readonly string[] | null): AuditorEvent {
  return {
    streamName: event.streamName,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: caseValues === null ? event.data : redactPersonalData(event.data, caseValues),
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

const isApplicationStream = (streamName: string): boolean => streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`);
