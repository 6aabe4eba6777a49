import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BACKSTOP_CHECKPOINT_PAGES } from '@app/event-store';
import type { IdempotencyRecord } from './idempotency-store.port';
import { IDEMPOTENCY_CHECKPOINT_THREAD_AFTER_WAL_BYTES, SqliteIdempotencyStore } from './sqlite-idempotency-store';

const record = (key: string, status = 201): IdempotencyRecord => ({
  scope: 'intake-a',
  key,
  requestHash: `hash-of-${key}`,
  status,
  body: { id: key, nested: { list: [1, 2] } },
  headers: { etag: '"0"' },
  createdAt: '2026-12-05T12:00:00.000Z',
});

describe('SqliteIdempotencyStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'idempotency-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sizes its page cache from IDEMPOTENCY_CACHE_MB, 2 MB by default (not the 16 MB of better-sqlite3)', async () => {
    const pragma = jest.spyOn(Database.prototype, 'pragma');
    try {
      await new SqliteIdempotencyStore(join(dir, 'default.db')).close();
      expect(pragma).toHaveBeenCalledWith('cache_size = -2048');
      await new SqliteIdempotencyStore(join(dir, 'sized.db'), 5).close();
      expect(pragma).toHaveBeenCalledWith('cache_size = -5120');
    } finally {
      pragma.mockRestore();
    }
  });

  describe('looks a new key up without reading the file once it has read the keys it holds', () => {
    /** The lookups of a record's row, by the statements' SQL. */
    const recordReads = () => {
      const db = new Database(':memory:');
      const statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as Database.Statement;
      db.close();
      const get = jest.spyOn(statement, 'get');
      return () =>
        get.mock.contexts.filter((context) => context.source.startsWith('SELECT * FROM idempotency_records')).length;
    };
    afterEach(() => jest.restoreAllMocks());
    /** Until the store looks new keys up without the file (a thread reads the keys held, from the first lookup on). */
    const keysRead = async (store: SqliteIdempotencyStore) => {
      const reads = recordReads();
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await delay(10)) {
        const before = reads();
        expect(store.find('intake-a', `lookup-${Date.now()}`)).toBeNull();
        if (reads() === before) return jest.restoreAllMocks();
      }
      throw new Error('the store still looks new keys up in the file after 10 s');
    };

    it('finds every record held, and answers a key never saved from memory', async () => {
      const file = join(dir, 'idempotency.db');
      const elsewhere = new SqliteIdempotencyStore(file);
      const keys = Array.from({ length: 2_500 }, (_, index) => `held-${index}`);
      await Promise.all(keys.map((key) => elsewhere.save(record(key))));
      await elsewhere.close();
      const store = new SqliteIdempotencyStore(file);
      try {
        await keysRead(store);
        await store.save(record('saved-here'));
        const reads = recordReads();
        expect(store.find('intake-a', 'never-saved')).toBeNull();
        expect(store.find('intake-b', 'held-0')).toBeNull();
        expect(reads()).toBe(0);
        for (const key of [...keys, 'saved-here']) expect(store.find('intake-a', key)).toEqual(record(key));
        expect(reads()).toBe(keys.length + 1);
      } finally {
        await store.close();
      }
    });

    it('finds a record another connection saved from the next turn on', async () => {
      const file = join(dir, 'idempotency.db');
      const store = new SqliteIdempotencyStore(file);
      const other = new SqliteIdempotencyStore(file);
      try {
        await keysRead(store);
        await other.save(record('saved-elsewhere'));
        await nextTurn();
        expect(store.find('intake-a', 'saved-elsewhere')).toEqual(record('saved-elsewhere'));
      } finally {
        await Promise.all([store.close(), other.close()]);
      }
    });
  });

  it('answers a retry from a record saved in the same turn, before its transaction commits', async () => {
    const store = new SqliteIdempotencyStore(join(dir, 'idempotency.db'));
    const saved = store.save(record('k1'));
    expect(store.find('intake-a', 'k1')).toEqual(record('k1'));
    await saved;
    expect(store.find('intake-a', 'k1')).toEqual(record('k1'));
    await store.close();
  });

  it('keeps every record saved together, the first one of a scope and key, across a restart', async () => {
    const file = join(dir, 'idempotency.db');
    const store = new SqliteIdempotencyStore(file);
    await Promise.all([store.save(record('k1')), store.save(record('k2')), store.save(record('k1', 200))]);
    await store.close();
    const reopened = new SqliteIdempotencyStore(file);
    expect(reopened.find('intake-a', 'k1')).toEqual(record('k1'));
    expect(reopened.find('intake-a', 'k2')).toEqual(record('k2'));
    expect(reopened.find('intake-b', 'k1')).toBeNull();
    await reopened.close();
  });

  it('commits the records still waiting when it closes', async () => {
    const file = join(dir, 'idempotency.db');
    const store = new SqliteIdempotencyStore(file);
    const saved = store.save(record('late'));
    await store.close();
    await saved;
    const reopened = new SqliteIdempotencyStore(file);
    expect(reopened.find('intake-a', 'late')).toEqual(record('late'));
    await reopened.close();
  });

  it("stores the body's JSON text when the caller has serialised it already", async () => {
    const file = join(dir, 'serialised.db');
    const store = new SqliteIdempotencyStore(file);
    await store.save({ ...record('k1'), bodyJson: '{"id":"k1","serialised":"by the caller"}' });
    await store.close();
    const reopened = new SqliteIdempotencyStore(file);
    expect(reopened.find('intake-a', 'k1')).toMatchObject({ body: { id: 'k1', serialised: 'by the caller' } });
    await reopened.close();
  });

  it('hands its WAL checkpoints to a thread once the WAL passes 2 MB, so no COMMIT on the event loop copies and syncs 1,000 pages', async () => {
    const pragma = jest.spyOn(Database.prototype, 'pragma');
    const file = join(dir, 'growing.db');
    const store = new SqliteIdempotencyStore(file);
    try {
      const body = { text: 'x'.repeat(8000) };
      await Promise.all(Array.from({ length: 400 }, (_, index) => store.save({ ...record(`k${index}`), body })));
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(IDEMPOTENCY_CHECKPOINT_THREAD_AFTER_WAL_BYTES);
      const handedOver = () =>
        pragma.mock.calls.some(([sql]) => sql === `wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      const deadline = Date.now() + 10_000;
      while (!handedOver() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(handedOver()).toBe(true);
    } finally {
      await store.close();
      pragma.mockRestore();
    }
    const reopened = new SqliteIdempotencyStore(file);
    expect(reopened.find('intake-a', 'k399')).toMatchObject({ body: { text: 'x'.repeat(8000) } });
    await reopened.close();
  }, 15_000);
});
