import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent, StoreSubscription } from './event-store.port';
import { SqliteEventLog } from './sqlite-event-log';
import { SqliteEventStore } from './sqlite-event-store';
import { OnceATurn } from './once-a-turn';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';

/** The first page of each subscription, read together (as a service's workers do after one append). */
const firstPages = (subscriptions: readonly StoreSubscription[]) =>
  Promise.all(subscriptions.map((subscription) => subscription.pages!()[Symbol.asyncIterator]().next()));

describe('OnceATurn: the head the subscriptions cut their pages at, read once a turn', () => {
  const tempDir = useTempDir('once-a-turn-');
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(join(tempDir(), 'events.db'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('is read once for the pages read in one turn, and again in a later turn', async () => {
    const stream = newStream();
    await store.appendToStream(stream, [newEvent(), newEvent()], { expectedRevision: 'no-stream' });
    const reads = jest.spyOn(SqliteEventLog.prototype, 'headPosition');
    const pages = await firstPages(Array.from({ length: 6 }, () => store.subscribeToAll()));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(pages.map(({ value }) => value?.map((event: RecordedEvent) => event.position))).toEqual(
      Array(6).fill([1, 2]),
    );

    await store.appendToStream(stream, [newEvent()], { expectedRevision: 1 });
    reads.mockClear();
    const later = await firstPages([store.subscribeToAll({ after: 2 }), store.subscribeToAll({ after: 2 })]);
    expect(later.map(({ value }) => value?.map((event: RecordedEvent) => event.position))).toEqual([[3], [3]]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('is read again after this process commits, and in the next turn', async () => {
    let head = 1;
    const turnHead = new OnceATurn(() => head++);
    expect([turnHead.current(), turnHead.current()]).toEqual([1, 1]);
    turnHead.forget();
    expect(turnHead.current()).toBe(2);
    await nextTurn();
    expect(turnHead.current()).toBe(3);
  });
});
