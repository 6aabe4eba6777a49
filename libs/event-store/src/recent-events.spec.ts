import { join } from 'node:path';
import type { RecordedEvent, StoreSubscription } from './event-store.port';
import { RecentEvents } from './recent-events';
import { SqliteEventStore } from './sqlite-event-store';
import { newEvent, newEvents, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';

const at = (position: number) => ({ position, eventId: `e${position}` }) as RecordedEvent;
const positionsOf = (events: readonly Pick<RecordedEvent, 'position'>[] | undefined) => events?.map((e) => e.position);

describe('RecentEvents: the latest appends, served only where they hold the whole page', () => {
  it('serves a page inside its run of consecutive positions, up to the head', () => {
    const recent = new RecentEvents();
    recent.add([10, 11, 12, 13].map(at));
    expect(positionsOf(recent.page(10, 2, 13))).toEqual([11, 12]);
    expect(positionsOf(recent.page(11, 500, 13))).toEqual([12, 13]);
    expect(positionsOf(recent.page(9, 500, 13))).toEqual([10, 11, 12, 13]);
  });

  it('does not answer for positions it does not hold: before its run, past it, or at the head', () => {
    const recent = new RecentEvents();
    recent.add([10, 11, 12].map(at));
    expect(recent.page(8, 500, 12)).toBeUndefined();
    expect(recent.page(11, 500, 14)).toBeUndefined();
    expect(recent.page(12, 500, 12)).toBeUndefined();
  });

  it('starts a new run when another process took the next position', () => {
    const recent = new RecentEvents();
    recent.add([10, 11].map(at));
    recent.add([13].map(at));
    expect(recent.page(10, 500, 13)).toBeUndefined();
    expect(positionsOf(recent.page(12, 500, 13))).toEqual([13]);
  });

  it('gives the events of one stream past a position when it holds every event up to the head', () => {
    const recent = new RecentEvents();
    const of = (stream: string) => (position: number) => ({ ...at(position), streamName: stream }) as RecordedEvent;
    recent.add([of('a')(10), of('b')(11), of('a')(12), of('b')(13)]);
    expect(positionsOf(recent.ofStream('a', 9, 13))).toEqual([10, 12]);
    expect(positionsOf(recent.ofStream('a', 10, 13))).toEqual([12]);
    expect(positionsOf(recent.ofStream('a', 12, 12))).toEqual([]);
    expect(positionsOf(recent.ofStream('b', 10, 12))).toEqual([11]);
    expect(recent.ofStream('a', 8, 13)).toBeUndefined();
    expect(recent.ofStream('a', 10, 14)).toBeUndefined();
  });

  it('keeps at most about twice its capacity', () => {
    const recent = new RecentEvents(4);
    recent.add(Array.from({ length: 9 }, (_, index) => at(index + 1)));
    expect(recent.page(0, 500, 9)).toBeUndefined();
    expect(positionsOf(recent.page(5, 500, 9))).toEqual([6, 7, 8, 9]);
  });

  it('counts the pages it served and the ones left to the table, not a reader at the head, and the events let go', () => {
    const recent = new RecentEvents(4);
    recent.add(Array.from({ length: 9 }, (_, index) => at(index + 1)));
    recent.page(5, 500, 9);
    recent.page(0, 500, 9);
    recent.page(9, 500, 9);
    expect(recent.stats()).toEqual({ entries: 4, max_entries: 8, hits: 1, misses: 1, evictions: 5 });
    recent.add([at(11)]);
    expect(recent.stats()).toMatchObject({ entries: 1, evictions: 9 });
  });
});

describe('SqliteEventStore subscriptions over its own and another process appends', () => {
  const dir = useTempDir('recent-events-');

  async function take(subscription: StoreSubscription, count: number): Promise<RecordedEvent[]> {
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) {
      seen.push(event);
      if (seen.length === count) break;
    }
    return seen;
  }

  /**
   * Two stores on one new file, as two processes would open it (their subscriptions look for the
   * other's appends every 10 ms), both closed after `test`.
   */
  async function withTwoStores(
    test: (mine: SqliteEventStore, other: SqliteEventStore) => Promise<void>,
  ): Promise<void> {
    const file = join(dir(), 'events.db');
    const mine = new SqliteEventStore(file, { pollIntervalMs: 10 });
    const other = new SqliteEventStore(file, { pollIntervalMs: 10 });
    try {
      await test(mine, other);
    } finally {
      await mine.close();
      await other.close();
    }
  }

  it('delivers every event in log order, the same as a read of the table, when two stores append to one file', () =>
    withTwoStores(async (mine, other) => {
      const subscription = mine.subscribeToAll();
      const delivered = take(subscription, 9);
      await mine.appendToStream(newStream(), newEvents(3), { expectedRevision: 'no-stream' });
      await other.appendToStream(newStream(), newEvents(2), { expectedRevision: 'no-stream' });
      await mine.appendToStream(newStream(), [newEvent({ data: { nested: { list: [1, 'two'] }, gone: undefined } })], {
        expectedRevision: 'no-stream',
      });
      await mine.appendToStream(newStream(), newEvents(3), { expectedRevision: 'no-stream' });
      const events = await delivered;
      await subscription.close();
      expect(events).toEqual(await other.readAll({ after: 0, limit: 100 }));
      expect(events.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(events[5].data).toEqual({ nested: { list: [1, 'two'] } });
    }));

  it('gives a stream’s latest events from memory, and nothing once another process appended past them', () =>
    withTwoStores(async (mine, other) => {
      const stream = newStream();
      const { position } = await mine.appendToStream(stream, newEvents(1), { expectedRevision: 'no-stream' });
      await mine.appendToStream(newStream(), newEvents(1), { expectedRevision: 'no-stream' });
      await mine.appendToStream(stream, newEvents(2), { expectedRevision: 0 });
      expect(mine.recentStreamEvents(stream, position)).toEqual(await mine.readStream(stream, { fromRevision: 1 }));

      await other.appendToStream(stream, newEvents(1), { expectedRevision: 2 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(mine.recentStreamEvents(stream, position)).toBeUndefined();
    }));

  it('knows the position of its own last append, which another process’s appends do not move', () =>
    withTwoStores(async (mine, other) => {
      expect(mine.lastAppendedPosition()).toBe(0);
      await mine.appendToStream(newStream(), newEvents(2), { expectedRevision: 'no-stream' });
      const { position } = await mine.appendToStream(newStream(), newEvents(3), { expectedRevision: 'no-stream' });
      expect(mine.lastAppendedPosition()).toBe(position);

      await other.appendToStream(newStream(), newEvents(1), { expectedRevision: 'no-stream' });
      expect(mine.lastAppendedPosition()).toBe(position);
      expect(other.lastAppendedPosition()).toBe(position + 1);
      expect(await mine.headPosition()).toBe(position + 1);
    }));
});
