import type { RecordedEvent } from '@app/event-store';
import { personalValuesIn, redactPersonalData } from '@app/personal-data';

/** The shared classification of personal data (docs/privacy.md), as the exports apply it. */
export { REDACTED, maskPersonalValues, personalDataLabels } from '@app/personal-data';

/** Every personal value the case's events carry: masked wherever a detail or a note quotes one. */
export const personalValuesOfCase = (events: readonly RecordedEvent[]): string[] => personalValuesIn(events.map((event) => event.data));

/** An event's data without its classified fields, and without the case's personal values quoted elsewhere in it. */
export const redactEventData = (data: unknown, caseValues: readonly string[]): unknown => redactPersonalData(data, caseValues);
