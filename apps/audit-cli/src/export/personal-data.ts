import type { RecordedEvent } from '@app/event-store';
import { personalValuesIn, redactPersonalData } from '../../../../libs/personal-data/src';

/**
 * The shared classification of personal data (docs/privacy.md), reached by a relative path until
 * `@app/personal-data` is declared in tsconfig.base.json's `paths`.
 */
export { REDACTED, maskPersonalValues, personalDataLabels } from '../../../../libs/personal-data/src';

/** Every personal value the case's events carry: masked wherever a detail or a note quotes one. */
export const personalValuesOfCase = (events: readonly RecordedEvent[]): string[] => personalValuesIn(events.map((event) => event.data));

/** An event's data without its classified fields, and without the case's personal values quoted elsewhere in it. */
export const redactEventData = (data: unknown, caseValues: readonly string[]): unknown => redactPersonalData(data, caseValues);
