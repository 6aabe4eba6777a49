import type { RecordedEvent } from '@app/event-store';
import { timelineEntry, type TimelineEntry } from '@app/application';
import { personalValuesOfCase, redactPersonalData } from '@app/personal-data';

/** Everything an export shows of one case, already redacted unless personal data was asked for. */
export type CaseExport = Readonly<{
  applicationId: string;
  exportedAt: string;
  personalData: 'redacted' | 'included';
  verification: Readonly<Record<string, unknown>>;
  events: readonly ExportedEvent[];
}>;

export type ExportedEvent = TimelineEntry &
  Readonly<{ position: number; type: string; data: unknown; metadata: Readonly<Record<string, unknown>> }>;

export function caseExport(
  applicationId: string,
  events: readonly RecordedEvent[],
  verification: Readonly<Record<string, unknown>>,
  options: Readonly<{ includePersonalData: boolean; now: string }>,
): CaseExport {
  const caseValues = options.includePersonalData ? [] : personalValuesOfCase(events);
  const visible = (value: unknown) => (options.includePersonalData ? value : redactPersonalData(value, caseValues));
  const entry = (event: RecordedEvent): TimelineEntry => timelineEntry(event, caseValues);
  return {
    applicationId,
    exportedAt: options.now,
    personalData: options.includePersonalData ? 'included' : 'redacted',
    verification,
    events: events.map((event) => ({
      ...entry(event),
      position: event.position,
      type: event.type,
      data: visible(event.data),
      metadata: event.metadata,
    })),
  };
}
