import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import { caseStream } from '../testing/case-streams.fixture';
import { CaseReplayCache } from './case-replay-cache';

const ROOMY = { maxEntries: 100, maxBytes: 10_000_000 };
const AT = { revision: 9 };

/** A case of four events replayed once (read and held); `reads` counts the store's stream reads from then on. */
async function heldCase(store: EventStore) {
  const id = randomUUID();
  const life = caseStream(id, 0, 6);
  await store.appendToStream(applicationStreamName(id), life.slice(0, 4), { expectedRevision: 'no-stream' });
  const cache = new CaseReplayCache(store, ROOMY);
  const first = await cache.viewJsonBytesAt(id, AT);
  const reads: number[] = [];
  const readStream = store.readStream.bind(store);
  store.readStream = (stream, options = {}) => {
    reads.push(options.fromRevision ?? 0);
    return readStream(stream, options);
  };
  return { id, life, cache, first, reads };
}

describe('CaseReplayCache.heldViewJsonBytesAt: a held case unchanged at the head, answered without waiting', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-held-'));
    file = join(dir, 'events.db');
    store = new SqliteEventStore(file);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same bytes as viewJsonBytesAt synchronously, counted as a hit, reading no stream', async () => {
    const { id, cache, first, reads } = await heldCase(store);

    const held = cache.heldViewJsonBytesAt(id, AT);

    expect(held).toBeInstanceOf(Buffer);
    expect(held?.toString('utf8')).toBe(first?.toString('utf8'));
    expect(JSON.parse(held?.toString('utf8') ?? 'null')).toMatchObject({ revision: 3, status: 'received' });
    expect(reads).toEqual([]);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('leaves a case it does not hold to viewJsonBytesAt, without reading it', () => {
    const cache = new CaseReplayCache(store, ROOMY);
    expect(cache.heldViewJsonBytesAt(randomUUID(), AT)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0, misses: 0 });
  });

  it('leaves a case appended to by another connection since to viewJsonBytesAt, which answers it grown', async () => {
    const { id, life, cache } = await heldCase(store);
    const other = new SqliteEventStore(file);
    try {
      await other.appendToStream(applicationStreamName(id), life.slice(4), { expectedRevision: 3 });
    } finally {
      await other.close();
    }

    expect(cache.heldViewJsonBytesAt(id, AT)).toBeUndefined();
    const grown = await cache.viewJsonBytesAt(id, AT);
    expect(JSON.parse(grown?.toString('utf8') ?? 'null')).toMatchObject({ revision: 5, status: 'permit-issued' });
  });

  it("leaves a case whose head's hash changed (rewritten) to viewJsonBytesAt", async () => {
    const { id, cache } = await heldCase(store);
    const db = new Database(file);
    db.prepare(
      `UPDATE events SET metadata = json_set(metadata, '$.hash', 'forged')
       WHERE stream_name = ? AND revision = 3`,
    ).run(applicationStreamName(id));
    db.close();

    expect(cache.heldViewJsonBytesAt(id, AT)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1 });
  });

  it('answers nothing synchronously from a store without streamHead (the memory store)', async () => {
    const { id, cache } = await heldCase(new MemoryEventStore());
    expect(cache.heldViewJsonBytesAt(id, AT)).toBeUndefined();
  });
});
