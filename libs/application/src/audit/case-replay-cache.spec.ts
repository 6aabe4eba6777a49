import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, SqliteEventStore, type EventStore, type ReadStreamOptions } from '@app/event-store';
import { eventHash } from '@app/integrity';
import { appendCases, caseStream } from '../testing/case-streams.fixture';
import { viewAt, type PointInTime } from './application-history';
import { CaseReplayCache } from './case-replay-cache';

const ROOMY = { maxEntries: 100, maxBytes: 10_000_000 };
const instantBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

/** Every revision around the stream and every recorded instant, a millisecond before it and at it. */
async function pointsOf(store: EventStore, id: string): Promise<PointInTime[]> {
  const events = await store.readStream(applicationStreamName(id));
  const instants = events.flatMap((event) => [
    String(event.metadata.recordedAt),
    instantBefore(String(event.metadata.recordedAt)),
  ]);
  return [
    ...Array.from({ length: events.length + 3 }, (_, index) => ({ revision: index - 1 })),
    ...instants.map((asOf) => ({ asOf })),
    { asOf: '2099-01-01T00:00:00Z' },
  ];
}

/** Records the reads a cache makes, to show what a replay costs the store. */
function countingReads(store: EventStore): { store: EventStore; reads: ReadStreamOptions[] } {
  const reads: ReadStreamOptions[] = [];
  const readStream = store.readStream.bind(store);
  store.readStream = (stream, options = {}) => {
    reads.push(options);
    return readStream(stream, options);
  };
  return { store, reads };
}

/**
 * A case of four events replayed twice, then two events appended and replayed again: each replay
 * answers the case as it stands. The caller asserts what the store was asked.
 */
async function replayAcrossAnAppend(store: EventStore): Promise<{ cache: CaseReplayCache; id: string }> {
  const id = randomUUID();
  const stream = applicationStreamName(id);
  const life = caseStream(id, 0, 6);
  await store.appendToStream(stream, life.slice(0, 4), { expectedRevision: 'no-stream' });
  const cache = new CaseReplayCache(store, ROOMY);
  expect(await cache.viewAt(id, { revision: 9 })).toMatchObject({ revision: 3, status: 'received' });
  expect(await cache.viewAt(id, { revision: 9 })).toMatchObject({ revision: 3 });
  await store.appendToStream(stream, life.slice(4), { expectedRevision: 3 });
  expect(await cache.viewAt(id, { revision: 9 })).toMatchObject({ revision: 5, status: 'permit-issued' });
  return { cache, id };
}

describe('CaseReplayCache: as-of replays without re-reading the stream', () => {
  it('answers every revision and instant exactly as the fold of the whole stream, from snapshots too', async () => {
    const store = new MemoryEventStore();
    const ids = await appendCases(store, 2);
    for (const snapshotEvery of [1, 2, 4, 32]) {
      const cache = new CaseReplayCache(store, { ...ROOMY, snapshotEvery });
      for (const id of ids) {
        const events = await store.readStream(applicationStreamName(id));
        for (const at of await pointsOf(store, id)) expect(await cache.viewAt(id, at)).toEqual(viewAt(events, at));
      }
    }
  });

  it('reads the whole stream once, then only from its last held revision, and folds what was appended since', async () => {
    const { store, reads } = countingReads(new MemoryEventStore());
    const { cache } = await replayAcrossAnAppend(store);

    expect(reads).toEqual([{ fromRevision: 0 }, { fromRevision: 3 }, { fromRevision: 3 }]);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 2, misses: 1, evictions: 0 });
    expect(cache.stats().bytes).toBeGreaterThan(0);
  });

  it('only asks a store that names its heads for the head while nothing was appended, and reads what was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-cache-'));
    const { store, reads } = countingReads(new SqliteEventStore(join(dir, 'events.db')));
    try {
      const { cache, id } = await replayAcrossAnAppend(store);
      expect(await cache.viewJsonAt(id, { revision: 9 })).toBe(JSON.stringify(await cache.viewAt(id, { revision: 9 })));

      expect(reads).toEqual([{ fromRevision: 0 }, { fromRevision: 3 }]);
      expect(cache.stats()).toMatchObject({ entries: 1, hits: 4, misses: 1, evictions: 0 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers the JSON text of the view, serialised once per point in time and again once the stream grew', async () => {
    const store = new MemoryEventStore();
    const id = randomUUID();
    const stream = applicationStreamName(id);
    const life = caseStream(id, 0, 6);
    await store.appendToStream(stream, life.slice(0, 4), { expectedRevision: 'no-stream' });
    const cache = new CaseReplayCache(store, ROOMY);
    const events = await store.readStream(stream);
    for (const at of await pointsOf(store, id)) {
      const view = viewAt(events, at);
      expect(await cache.viewJsonAt(id, at)).toBe(view === null ? null : JSON.stringify(view));
    }

    const held = await cache.viewJsonAt(id, { revision: 9 });
    const bytes = await cache.viewJsonBytesAt(id, { revision: 9 });
    expect(bytes?.toString('utf8')).toBe(held);
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(await cache.viewJsonAt(id, { revision: 9 })).toBe(held);
      expect(await cache.viewJsonBytesAt(id, { revision: 9 })).toBe(bytes);
      expect(stringify).not.toHaveBeenCalled();
      await store.appendToStream(stream, life.slice(4), { expectedRevision: 3 });
      stringify.mockClear();
      expect(JSON.parse((await cache.viewJsonAt(id, { revision: 9 })) ?? 'null')).toMatchObject({
        revision: 5,
        status: 'permit-issued',
      });
      expect(stringify).toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('counts a memoized answer against the byte bound, once, until another point in time replaces it', async () => {
    const store = new MemoryEventStore();
    const [id] = await appendCases(store, 1);
    const cache = new CaseReplayCache(store, ROOMY);
    await cache.viewAt(id, { revision: 5 });
    const events = cache.stats().bytes;

    const answer = (await cache.viewJsonAt(id, { revision: 5 })) ?? '';
    await cache.viewJsonAt(id, { revision: 5 });
    expect(cache.stats().bytes).toBe(events + Buffer.byteLength(answer));
    const earlier = (await cache.viewJsonAt(id, { revision: 2 })) ?? '';
    expect(cache.stats().bytes).toBe(events + Buffer.byteLength(earlier));
    await cache.viewAt(id, { revision: 4 });
    expect(cache.stats().bytes).toBe(events);

    const tight = new CaseReplayCache(store, { maxEntries: 10, maxBytes: events + 10 });
    expect(await tight.viewJsonAt(id, { revision: 5 })).toBe(answer);
    expect(tight.stats()).toEqual({
      entries: 0,
      bytes: 0,
      max_entries: 10,
      max_bytes: events + 10,
      hits: 0,
      misses: 1,
      evictions: 1,
    });
  });

  it('reads the stream again once its head is no longer the event it read (rewritten with recomputed hashes)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-cache-'));
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore(file);
    try {
      const [id] = await appendCases(store, 1);
      const cache = new CaseReplayCache(store, ROOMY);
      const before = await cache.viewAt(id, { revision: 5 });
      rewriteReceipt(file, applicationStreamName(id), '2024-05-01T09:00:00.000Z');

      const after = await cache.viewAt(id, { revision: 5 });
      expect(before?.receivedAt).not.toBe('2024-05-01T09:00:00.000Z');
      expect(after?.receivedAt).toBe('2024-05-01T09:00:00.000Z');
      expect(cache.stats()).toMatchObject({ entries: 1, hits: 0, misses: 2 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds at most maxEntries streams and maxBytes, least recently used evicted; 0 entries holds none', async () => {
    const store = new MemoryEventStore();
    const [first, second, third] = await appendCases(store, 3);
    const bounded = new CaseReplayCache(store, { maxEntries: 2, maxBytes: 10_000_000 });
    for (const id of [first, second, first, third]) await bounded.viewAt(id, { revision: 5 });
    expect(bounded.stats()).toMatchObject({ entries: 2, hits: 1, misses: 3, evictions: 1 });
    await bounded.viewAt(first, { revision: 5 });
    expect(bounded.stats()).toMatchObject({ hits: 2, misses: 3 });

    const tiny = new CaseReplayCache(store, { maxEntries: 100, maxBytes: 1_000 });
    await tiny.viewAt(first, { revision: 5 });
    expect(tiny.stats()).toEqual({
      entries: 0,
      bytes: 0,
      max_entries: 100,
      max_bytes: 1_000,
      hits: 0,
      misses: 1,
      evictions: 1,
    });

    const off = new CaseReplayCache(store, { maxEntries: 0, maxBytes: 10_000_000 });
    await off.viewAt(first, { revision: 5 });
    await off.viewAt(first, { revision: 5 });
    expect(off.stats()).toMatchObject({ entries: 0, hits: 0, misses: 2 });
  });

  it('refuses an unknown application with APPLICATION_NOT_FOUND, and holds nothing for it', async () => {
    const cache = new CaseReplayCache(new MemoryEventStore(), ROOMY);
    await expect(cache.viewAt(randomUUID(), { revision: 0 })).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
    expect(cache.stats().entries).toBe(0);
  });
});

type Row = { position: number; revision: number; type: string; data: string; metadata: string };

/** Changes the receipt instant of revision 0 and recomputes the whole hash chain, as a careful forger would. */
function rewriteReceipt(file: string, stream: string, receivedAt: string): void {
  const db = new Database(file);
  const rows = db
    .prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_name = ? ORDER BY revision')
    .all(stream) as Row[];
  let previousHash: string | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.revision === 0) data.receivedAt = receivedAt;
    const metadata: Record<string, unknown> = {
      ...(JSON.parse(row.metadata) as Record<string, unknown>),
      previousHash,
    };
    metadata.hash = eventHash({ streamName: stream, revision: row.revision, type: row.type, data, metadata });
    previousHash = metadata.hash as string;
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      row.position,
    );
  }
  db.close();
}
