import { join } from 'node:path';
import { StoreUnavailableError, StreamNotFoundError } from './event-store.errors';
import type { EventToAppend } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { idsOf, newEvent, newStream } from './testing/event-store-fixtures.contract';
import { injectSqliteFault, LARGER_THAN_A_PAGE } from './testing/sqlite-faults.contract';
import { useTempDir } from './testing/temp-dir.contract';

const largeEvent = (): EventToAppend => newEvent({ data: { text: 'x'.repeat(LARGER_THAN_A_PAGE) } });

describe('SqliteEventStore when its disk fails', () => {
  const tempDir = useTempDir('sqlite-faults-');
  let store: SqliteEventStore;
  let existing: string;
  beforeEach(async () => {
    store = new SqliteEventStore(join(tempDir(), 'events.db'));
    existing = newStream();
    await store.appendToStream(existing, [newEvent()], { expectedRevision: 'no-stream' });
  });
  afterEach(async () => {
    await store.close();
  });

  describe('disk full', () => {
    it('refuses the append with StoreUnavailableError naming the cause, and stores nothing', async () => {
      const head = await store.headPosition();
      injectSqliteFault(store, 'disk-full');
      const stream = newStream();

      const append = store.appendToStream(stream, [largeEvent()], { expectedRevision: 'no-stream' });

      await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(append).rejects.toThrow('the event store is full (SQLITE_FULL: database or disk is full)');
      await expect(store.readStream(stream)).rejects.toThrow(StreamNotFoundError);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses the other appends committed in the same group too, storing none of them', async () => {
      const head = await store.headPosition();
      injectSqliteFault(store, 'disk-full');

      const results = await Promise.allSettled([
        store.appendToStream(existing, [newEvent()], { expectedRevision: 0 }),
        store.appendToStream(newStream(), [largeEvent()], { expectedRevision: 'no-stream' }),
        store.appendToStream(existing, [newEvent()], { expectedRevision: 'any' }),
      ]);

      expect(
        results.map((result) => result.status === 'rejected' && result.reason instanceof StoreUnavailableError),
      ).toEqual([true, true, true]);
      expect(await store.headPosition()).toBe(head);
      expect(await store.readStream(existing)).toHaveLength(1);
    });

    it('stores the same append exactly once when it is retried after space is freed', async () => {
      const removeFault = injectSqliteFault(store, 'disk-full');
      const stream = newStream();
      const events = [largeEvent(), newEvent()];
      await expect(store.appendToStream(stream, events, { expectedRevision: 'no-stream' })).rejects.toThrow(
        StoreUnavailableError,
      );

      removeFault();
      await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });
      await store.appendToStream(stream, events, { expectedRevision: 'no-stream' });

      expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
    });
  });

  describe('read-only file', () => {
    it('refuses every append with StoreUnavailableError naming the cause, and keeps serving reads', async () => {
      const head = await store.headPosition();
      injectSqliteFault(store, 'read-only');

      const append = store.appendToStream(existing, [newEvent()], { expectedRevision: 0 });

      await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(append).rejects.toThrow(
        'the event store is read-only (SQLITE_READONLY: attempt to write a readonly database)',
      );
      expect(await store.readStream(existing)).toHaveLength(1);
      expect(await store.headPosition()).toBe(head);
      await expect(store.checkHealth()).resolves.toBeUndefined();
    });

    it('appends again once the file is writable', async () => {
      const removeFault = injectSqliteFault(store, 'read-only');
      const event = newEvent();
      await expect(store.appendToStream(existing, [event], { expectedRevision: 0 })).rejects.toThrow(
        StoreUnavailableError,
      );

      removeFault();

      await expect(store.appendToStream(existing, [event], { expectedRevision: 0 })).resolves.toMatchObject({
        nextExpectedRevision: 1,
      });
    });
  });
});
