import { easternYearOf, type Instant } from '../dates/instant';
import type { Channel } from '../submission/submission';

/** C3: the cap year of an application is the calendar year of its receipt in Eastern time. */
export const intakeYearOf = (receivedAt: Instant): number => easternYearOf(receivedAt);

/** C3: the application numbered `number` in its year is within the cap when the count does not pass it. */
export const isWithinCap = (number: number, cap: number): boolean => number <= cap;

/** C4: over-cap online applications are cancelled, paper ones returned. */
export type OverCapOutcome = 'cancelled' | 'returned';

export function overCapOutcome(channel: Channel): OverCapOutcome {
  return channel === 'online' ? 'cancelled' : 'returned';
}
