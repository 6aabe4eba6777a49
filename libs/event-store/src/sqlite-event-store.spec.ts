import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from './event-store.errors';
import type { RecordedEvent } from './event-store.port';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import { SCHEMA_VERSION } from './sqlite-schema';
import { describeConcurrentSubmissions } from './testing/concurrent-submissions.contract';
import { describeEventStoreContract } from './testing/event-store.contract';
import { follow, idsOf, newEvent, newStream, within } from './testing/event-store-fixtures.contract';
import { useSqliteStores } from './testing/sqlite-stores.contract';
import { useTempDir } from './testing/temp-dir.contract';

describe('SqliteEventStore', () => {
  const tempDir = useTempDir('sqlite-event-store-');
  const file = () => join(tempDir(), 'events.db');

  describeEventStoreContract('sqlite', () => new SqliteEventStore(file()), {
    startsEmpty: true,
    refusesEventIdsStoredElsewhere: true,
  });

  describeConcurrentSubmissions('sqlite', () => [new SqliteEventStore(file())]);

  describeConcurrentSubmissions('sqlite, two stores on one file', () => [
    new SqliteEventStore(file()),
    new SqliteEventStore(file()),
  ]);

  describe('on its own file', () => {
    const openOn = useSqliteStores();
    const open = (options?: SqliteEventStoreOptions) => openOn(file(), options);

    it('records the time of its clock', async () => {
      const store = open({ now: () => new Date('2025-03-01T12:00:00-05:00') });
      const stream = newStream();
      await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });

      const [event] = await store.readStream(stream);

      expect(event.recordedAt).toBe('2025-03-01T17:00:00.000Z');
    });

    it('parses a page of the log once for all its subscriptions, and gives each all events in order', async () => {
      const store = open();
      const stream = newStream();
      await store.appendToStream(
        stream,
        Array.from({ length: 1200 }, () => newEvent()),
        { expectedRevision: 'no-stream' },
      );
      const readPage = async (subscription: ReturnType<typeof store.subscribeToAll>) => {
        const pages: (readonly RecordedEvent[])[] = [];
        for await (const page of subscription.pages?.() ?? []) {
          pages.push(page);
          if (page[page.length - 1].position >= 1200) break;
        }
        await subscription.close();
        return pages.flat();
      };
      const [first, second] = await Promise.all([readPage(store.subscribeToAll()), readPage(store.subscribeToAll())]);

      expect(first.map((event) => event.position)).toEqual(Array.from({ length: 1200 }, (_, index) => index + 1));
      expect(second).toHaveLength(1200);
      expect(second.slice(0, 1000).every((event, index) => event === first[index])).toBe(true);
    });

    it('stores none of an append whose second event fails, and the rest of its group commits', async () => {
      const store = open();
      const other = new Database(file());
      other.exec(
        "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.type = 'Refused' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      );
      other.close();
      const [refused, accepted] = [newStream(), newStream()];

      const results = await Promise.allSettled([
        store.appendToStream(refused, [newEvent(), newEvent({ type: 'Refused' })], { expectedRevision: 'no-stream' }),
        store.appendToStream(accepted, [newEvent(), newEvent()], { expectedRevision: 'no-stream' }),
      ]);

      expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
      expect(await store.readStreamOrEmpty(refused)).toEqual([]);
      expect(await store.readStream(accepted)).toHaveLength(2);
    });

    it('gives its subscribers the data it stored, whatever the appender does with its objects afterwards', async () => {
      const store = open();
      const stream = newStream();
      const data = { tags: ['stored'] };
      await store.appendToStream(stream, [newEvent({ data })], { expectedRevision: 'no-stream' });
      data.tags.push('changed after the append');

      const subscription = store.subscribeToAll();
      const [event] = await within(
        2000,
        follow(subscription, [stream], () => subscription.close()),
      );

      expect(event.data).toEqual({ tags: ['stored'] });
    });

    it('keeps the events when the file is opened again', async () => {
      const stream = newStream();
      const event = newEvent();
      const first = open();
      await first.appendToStream(stream, [event], { expectedRevision: 'no-stream' });
      await first.close();

      expect(idsOf(await open().readStream(stream))).toEqual([event.eventId]);
    });

    it('shows a subscriber what another store on the same file appended, by polling', async () => {
      const [writer, reader] = [open(), open({ pollIntervalMs: 20 })];
      const stream = newStream();
      const subscription = reader.subscribeToAll();
      const iteration = follow(subscription, [stream], () => subscription.close());

      const event = newEvent();
      await writer.appendToStream(stream, [event], { expectedRevision: 'no-stream' });

      expect(idsOf(await within(2000, iteration))).toEqual([event.eventId]);
    });

    it('fails with StoreUnavailableError when another process holds the write lock too long', async () => {
      const store = open({ busyTimeoutMs: 100 });
      const other = new Database(file());
      other.exec('BEGIN IMMEDIATE');
      try {
        await expect(
          store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' }),
        ).rejects.toThrow(StoreUnavailableError);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      await expect(store.appendToStream(newStream(), [newEvent()], { expectedRevision: 'no-stream' })).resolves.toEqual(
        expect.objectContaining({ nextExpectedRevision: 0 }),
      );
    });

    it('uses WAL journal mode and records its schema version', async () => {
      await open().close();
      const raw = new Database(file(), { readonly: true });

      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      raw.close();
    });

    it('refuses a file written by a newer schema version', async () => {
      await open().close();
      const raw = new Database(file());
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();

      expect(() => open()).toThrow(/newer than this build/);
    });

    it('reports unhealthy once closed', async () => {
      const store = open();
      await expect(store.checkHealth()).resolves.toBeUndefined();

      await store.close();

      await expect(store.checkHealth()).rejects.toThrow(StoreUnavailableError);
    });
  });
});
