import { SqliteEventStore, type EventToAppend } from '@app/event-store';
import { FamilyTemplates } from './family-templates';
import type { PlannedAppend } from './case-lives';

/** Receipt years of the generated log; 2025 is left empty for the HTTP figures, whose cases must be within its cap. */
export const GENERATED_YEARS = [2022, 2023, 2024] as const;
const FAMILIES_PER_WAVE = 1000;
const RECEIPTS_PER_DAY = 250;
const LAST_DAY = 180;

export type FilledStore = Readonly<{ events: number; families: number; seconds: number; firstApplicationId: string }>;

/** Receipts from July 1st (letters dated 30 days before, inside the program window P1, P2), 250 a day. */
function receivedAt(year: number, number: number): string {
  const day = Math.min(LAST_DAY, Math.floor((number - 1) / RECEIPTS_PER_DAY));
  return new Date(Date.UTC(year, 6, 1 + day, 14, 0, 0)).toISOString();
}

/**
 * Writes about `targetEvents` events of whole families through the real SQLite adapter, spread
 * evenly over GENERATED_YEARS: per year, principals numbered in log order (C3), the first `cap`
 * with a life to a permit and a spouse, the rest cancelled over the cap (C4, C5). Each stream is
 * appended whole, a wave of families at a time, so that the appends share the store's group
 * commits: one append per stream keeps the generation of a million events within the bench's
 * budget (interleaving one event per append is about twice as slow here), at the price of each
 * case's events lying next to each other in the log rather than days of other cases apart.
 */
export async function fillStore(file: string, targetEvents: number): Promise<FilledStore> {
  const started = performance.now();
  const store = new SqliteEventStore(file);
  const templates = new FamilyTemplates();
  let events = 0;
  let families = 0;
  let firstApplicationId = '';
  try {
    for (const [index, year] of GENERATED_YEARS.entries()) {
      const yearTarget = Math.round((targetEvents * (index + 1)) / GENERATED_YEARS.length);
      for (let number = 1; events < yearTarget;) {
        const wave: PlannedAppend[][] = [];
        for (; wave.length < FAMILIES_PER_WAVE && events < yearTarget; number++) {
          const family = templates.copy({ year, number, receivedAt: receivedAt(year, number) }, true);
          wave.push(family);
          events += family.reduce((sum, append) => sum + append.events.length, 0);
        }
        firstApplicationId ||= String(wave[0][0].events[0].data.applicationId);
        families += wave.length;
        await appendWave(store, wave);
      }
    }
  } finally {
    await store.close();
  }
  return { events, families, seconds: (performance.now() - started) / 1000, firstApplicationId };
}

/** The wave's streams, each in one append, in family order: principals' receipts reach the log in intake order (C3). */
async function appendWave(store: SqliteEventStore, wave: readonly PlannedAppend[][]): Promise<void> {
  const streams = new Map<string, EventToAppend[]>();
  for (const family of wave) {
    for (const { stream, events } of family) streams.set(stream, [...(streams.get(stream) ?? []), ...events]);
  }
  await Promise.all(
    [...streams].map(([stream, events]) => store.appendToStream(stream, events, { expectedRevision: 'no-stream' })),
  );
}
