import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore, ExpectedRevision } from '../event-store.port';
import { expectStrictlyIncreasing, idsOf, newEvent, newStream } from './event-store-fixtures.contract';

/** Opens the stores the writers share round-robin: one, or several on the same data (two processes). */
export type OpenStores = () => readonly EventStore[] | Promise<readonly EventStore[]>;

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

async function expectedRevisionOf(store: EventStore, stream: string): Promise<ExpectedRevision> {
  const events = await store.readStream(stream).catch((error: unknown) => {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  });
  return events.length === 0 ? 'no-stream' : events[events.length - 1].revision;
}

const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 7)));

/**
 * What a command handler does: read the stream, decide on what it read, append expecting that;
 * on a conflict, wait a little (random, growing) and start over. Resolves with the attempts made.
 */
export async function readDecideAppend(
  store: EventStore,
  stream: string,
  eventId: string,
  maxAttempts: number,
): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    if (attempt > 1) await jitter(attempt);
    const expected = await expectedRevisionOf(store, stream);
    const seenRevision = expected === 'no-stream' ? -1 : expected;
    const event = newEvent({ eventId, data: { seenRevision } });
    await new Promise(setImmediate); // deciding takes a moment: let other writers in between
    const appended = await store.appendToStream(stream, [event], { expectedRevision: expected }).catch((error) => {
      if (error instanceof WrongExpectedRevisionError && attempt < maxAttempts) return undefined;
      throw error;
    });
    if (appended) return attempt;
  }
}

/** Many submissions at once: nothing lost, nothing doubled, no revision skipped or reused. */
export function describeConcurrentSubmissions(name: string, openStores: OpenStores, count = 200): void {
  describe(`${name}: ${count} concurrent submissions`, () => {
    let stores: readonly EventStore[];
    const writer = (index: number) => stores[index % stores.length];
    beforeEach(async () => {
      stores = await openStores();
    });
    afterEach(async () => {
      await Promise.all(stores.map((store) => store.close()));
    });

    it(`appends ${count} submissions to ${count} new streams in parallel`, async () => {
      const submissions = range(count).map(() => ({ stream: newStream('submission'), event: newEvent() }));
      const baseline = await stores[0].headPosition(); // a shared server (KurrentDB) holds earlier tests' events

      const results = await Promise.all(
        submissions.map(({ stream, event }, index) =>
          writer(index).appendToStream(stream, [event], { expectedRevision: 'no-stream' }),
        ),
      );

      expect(results.map((result) => result.nextExpectedRevision)).toEqual(range(count).map(() => 0));
      const log = await stores[0].readAll({ after: baseline, limit: count + 1 });
      expect(idsOf(log).sort()).toEqual(submissions.map(({ event }) => event.eventId).sort());
      expectStrictlyIncreasing(log.map((event) => event.position));
      for (const { stream, event } of submissions) {
        expect(await stores[0].readStream(stream)).toEqual([
          expect.objectContaining({ eventId: event.eventId, revision: 0 }),
        ]);
      }
    });

    it(`serialises ${count} writers that read, decide and append to one stream`, async () => {
      const stream = newStream('counter');
      const eventIds = range(count).map(() => newEvent().eventId);

      const attempts = await Promise.all(
        eventIds.map((eventId, index) => readDecideAppend(writer(index), stream, eventId, count * 2)),
      );

      expect(Math.max(...attempts)).toBeGreaterThan(1);

      const stored = await stores[0].readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual(range(count));
      expect(idsOf(stored).sort()).toEqual([...eventIds].sort());
      expect(stored.map((event) => event.data.seenRevision)).toEqual(range(count).map((revision) => revision - 1));
      expectStrictlyIncreasing(stored.map((event) => event.position));
    }, 30_000);
  });
}
