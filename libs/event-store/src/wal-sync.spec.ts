import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from './event-store.port';
import { StoreUnavailableError } from './event-store.errors';
import { SqliteEventStore } from './sqlite-event-store';
import { newEvents, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';
import { WalSync, type FlushToDisk } from './wal-sync';

/** A flush to disk that the test finishes by hand: `release()` ends the oldest one still running. */
function heldFlush() {
  const running: { done: (error?: Error) => void }[] = [];
  let calls = 0;
  const flush: FlushToDisk = () =>
    new Promise<void>((resolve, reject) => {
      calls += 1;
      running.push({ done: (error) => (error ? reject(error) : resolve()) });
    });
  return {
    flush,
    calls: () => calls,
    release: (error?: Error) => running.shift()?.done(error),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const state = (promise: Promise<unknown>) => {
  let settled = 'pending';
  promise.then(
    () => (settled = 'resolved'),
    () => (settled = 'rejected'),
  );
  return () => settled;
};

describe('WalSync: the WAL fsync, coalesced and off the event loop', () => {
  const dir = useTempDir('wal-sync-');

  it('runs one flush for every call made while another runs, and it starts only after the running one', async () => {
    const held = heldFlush();
    writeFileSync(join(dir(), 'events.db-wal'), '');
    const wal = new WalSync(join(dir(), 'events.db-wal'), held.flush);
    const first = state(wal.sync());
    await turn();
    const second = state(wal.sync());
    const third = state(wal.sync());
    await turn();
    expect({ calls: held.calls(), first: first(), second: second() }).toEqual({
      calls: 1,
      first: 'pending',
      second: 'pending',
    });
    held.release();
    await turn();
    expect({ calls: held.calls(), first: first(), second: second(), third: third() }).toEqual({
      calls: 2,
      first: 'resolved',
      second: 'pending',
      third: 'pending',
    });
    held.release();
    await turn();
    expect({ second: second(), third: third() }).toEqual({ second: 'resolved', third: 'resolved' });
    await wal.close();
  });
});

describe('SqliteEventStore: an append is answered once the WAL is on disk', () => {
  const dir = useTempDir('wal-durable-');

  it('commits without waiting for the flush, and answers the append only after it', async () => {
    const held = heldFlush();
    const store = new SqliteEventStore(join(dir(), 'events.db'), { flushToDisk: held.flush });
    const stream = newStream();
    const appended = state(store.appendToStream(stream, newEvents(2), { expectedRevision: 'no-stream' }));
    await turn();
    await turn();
    expect({ flushes: held.calls(), append: appended() }).toEqual({ flushes: 1, append: 'pending' });
    expect(await store.readStream(stream)).toHaveLength(2);
    held.release();
    await turn();
    expect(appended()).toBe('resolved');
    await store.close();
  });

  it('rejects the append with StoreUnavailableError when the flush fails', async () => {
    const held = heldFlush();
    const store = new SqliteEventStore(join(dir(), 'events.db'), { flushToDisk: held.flush });
    const appending = store.appendToStream(newStream(), newEvents(1), { expectedRevision: 'no-stream' });
    await turn();
    await turn();
    held.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(appending).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it("lets its subscriptions see another process's append only after a flush of its own", async () => {
    const file = join(dir(), 'events.db');
    const held = heldFlush();
    const reader = new SqliteEventStore(file, { flushToDisk: held.flush, pollIntervalMs: 10 });
    const writer = new SqliteEventStore(file);
    const subscription = reader.subscribeToAll();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const event of subscription) {
        seen.push(event);
        break;
      }
    })();
    await writer.appendToStream(newStream(), newEvents(1), { expectedRevision: 'no-stream' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect({ flushes: held.calls(), seen: seen.length }).toEqual({ flushes: 1, seen: 0 });
    held.release();
    await following;
    expect(seen).toHaveLength(1);
    await subscription.close();
    await reader.close();
    await writer.close();
  });
});
