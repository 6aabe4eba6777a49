import type Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@app/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { eventByEvent } from '../runner/projection';
import { openReadModelDatabase, writeCheckpoint } from '../runner/read-model-database';
import { appendEvents } from '../testing/applied-log.projection';
import { WriteGate } from '../runner/write-gate';
import { BulkLoad } from './bulk-load';
import { createIndex } from './generation-indexes';
import { versionedProjection } from './versioned-projection';
import { beginRebuild, generationCheckpoint, generationTable, readGenerations } from './projection-generations';
import { generationHandler } from '../runner/generation-handler';

const now = () => '2024-01-01T00:00:00.000Z';
const TABLE = 'seen_v1';
const indexesOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name")
    .pluck()
    .all(table);

/** A read model with a primary key and two secondary indexes, which notes the indexes its table has at each event. */
function indexedProjection(noted: Map<string, string[][]>) {
  return versionedProjection({
    name: 'seen',
    tables: [TABLE],
    createTables(db, table, deferred) {
      const name = table(TABLE);
      db.exec(`CREATE TABLE IF NOT EXISTS ${name} (event_id TEXT PRIMARY KEY, stream TEXT NOT NULL, position INTEGER)`);
      createIndex(db, `CREATE INDEX IF NOT EXISTS ${name}_stream ON ${name} (stream, position)`, deferred);
      createIndex(db, `CREATE INDEX IF NOT EXISTS ${name}_late ON ${name} (position) WHERE position > 10`, deferred);
    },
    openBatches(db, table) {
      const name = table(TABLE);
      const insert = db.prepare(`INSERT INTO ${name} VALUES (?, ?, ?)`);
      return eventByEvent((event) => {
        insert.run(event.eventId, event.streamName, event.position);
        noted.set(name, [...(noted.get(name) ?? []), indexesOf(db, name)]);
      });
    },
  });
}

describe('a rebuild fills its generation as a bulk load: secondary indexes built once, at the switch', () => {
  let store: EventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;
  const noted = new Map<string, string[][]>();
  const newRunner = () => new ProjectionRunner(store, db, [indexedProjection(noted)], now, { batchSize: 7 });

  beforeEach(() => {
    noted.clear();
    store = new MemoryEventStore();
    db = openReadModelDatabase(':memory:');
    runner = newRunner();
  });
  afterEach(async () => {
    await runner.stop();
    db.close();
  });

  it('fills the new generation with its primary key only, then serves it with every index', async () => {
    runner.start();
    await runner.waitFor(await appendEvents(store, 60), 2000);
    const { rebuild } = await runner.rebuild('seen');
    await runner.waitForGeneration('seen', rebuild?.generation ?? 0, 5000);

    const all = ['seen_v1_g2_late', 'seen_v1_g2_stream', 'sqlite_autoindex_seen_v1_g2_1'];
    const seenWhileFilled = noted.get(`${TABLE}_g2`) ?? [];
    expect(seenWhileFilled).toHaveLength(60);
    expect(seenWhileFilled.slice(0, 50)).toEqual(Array(50).fill(['sqlite_autoindex_seen_v1_g2_1']));
    expect(seenWhileFilled.at(-1)).toEqual(all);
    expect(indexesOf(db, `${TABLE}_g2`)).toEqual(all);
    expect(db.prepare(`SELECT count(*) FROM ${TABLE}`).pluck().get()).toBe(60);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT position FROM ${TABLE}_g2 WHERE stream = ?`).all('thing-1');
    expect(JSON.stringify(plan)).toContain('seen_v1_g2_stream');
  });

  it('keeps every index of a generation that is active from its start (first catch-up)', async () => {
    runner.start();
    await runner.waitFor(await appendEvents(store, 30), 2000);
    expect(indexesOf(db, `${TABLE}_g1`)).toHaveLength(3);
    expect(noted.get(`${TABLE}_g1`)?.every((indexes) => indexes.length === 3)).toBe(true);
  });

  it('resumed after a restart, opens the generation without the indexes it dropped, and builds them at the switch', async () => {
    runner.start();
    await runner.waitFor(await appendEvents(store, 30), 2000);
    await runner.stop();
    // A rebuild stopped after its first batch (14 events): generation 2 is building, its secondary indexes dropped.
    const projection = indexedProjection(noted);
    const generation = beginRebuild(db, projection);
    const tables = (base: string) => generationTable(base, generation);
    projection.createTables(db, tables);
    const first = await store.readAll({ after: 0, limit: 14 });
    db.transaction(() => {
      new BulkLoad(db, [tables(TABLE)]).begin();
      const applier = projection.openBatches(db, tables)();
      for (const event of first) applier.apply(event);
      applier.finish();
      writeCheckpoint(db, generationCheckpoint('seen', generation), 14, now());
    })();
    noted.clear();

    runner = newRunner();
    runner.start();
    expect(indexesOf(db, `${TABLE}_g2`)).toEqual(['sqlite_autoindex_seen_v1_g2_1']);
    await runner.waitForGeneration('seen', 2, 5000);

    const all = ['seen_v1_g2_late', 'seen_v1_g2_stream', 'sqlite_autoindex_seen_v1_g2_1'];
    const seenWhileFilled = noted.get(`${TABLE}_g2`) ?? [];
    expect(seenWhileFilled).toHaveLength(16);
    expect(seenWhileFilled.slice(0, 14)).toEqual(Array(14).fill(['sqlite_autoindex_seen_v1_g2_1']));
    expect(seenWhileFilled.at(-1)).toEqual(all);
    expect(indexesOf(db, `${TABLE}_g2`)).toEqual(all);
    expect(db.prepare(`SELECT count(*) FROM ${TABLE}`).pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM projection_deferred_indexes').pluck().get()).toBe(0);
  });
});

describe('a bulk load another process began (a rebuild by the CLI)', () => {
  it('has its indexes built before the batch that switches, not by it', async () => {
    const store = new MemoryEventStore();
    const db = openReadModelDatabase(':memory:');
    const noted = new Map<string, string[][]>();
    const projection = indexedProjection(noted);
    const runner = new ProjectionRunner(store, db, [projection], now, { batchSize: 7 });
    runner.start();
    await runner.waitFor(await appendEvents(store, 30), 2000);
    await runner.stop();
    const generation = beginRebuild(db, projection);
    const tables = (base: string) => generationTable(base, generation);
    const handler = generationHandler(db, projection, generation, now, new WriteGate());
    expect(handler.open()).toBe(0);
    expect(indexesOf(db, tables(TABLE))).toHaveLength(3);

    // The other process's first batch: it drops the secondary indexes this handler opened the table with.
    const events = await store.readAll({ after: 0, limit: 30 });
    db.transaction(() => {
      new BulkLoad(db, [tables(TABLE)]).begin();
      const applier = projection.openBatches(db, tables)();
      for (const event of events.slice(0, 14)) applier.apply(event);
      applier.finish();
      writeCheckpoint(db, generationCheckpoint('seen', generation), 14, now());
    })();
    noted.clear();
    await handler.handle(events.slice(14));

    const all = ['seen_v1_g2_late', 'seen_v1_g2_stream', 'sqlite_autoindex_seen_v1_g2_1'];
    expect(readGenerations(db, 'seen')?.active).toBe(generation);
    expect(noted.get(tables(TABLE))).toEqual(Array(16).fill(all));
    await handler.close?.();
    db.close();
  });
});

describe("a bulk load's unique indexes", () => {
  it('stay while it fills the table unless its fold finds rows by rowid; then they can be built before the others', async () => {
    const db = openReadModelDatabase(':memory:');
    const table = 'keyed_v1_g2';
    db.exec(`CREATE TABLE ${table} (id TEXT NOT NULL, position INTEGER)`);
    db.exec(`CREATE UNIQUE INDEX ${table}_id ON ${table} (id)`);
    db.exec(`CREATE INDEX ${table}_position ON ${table} (position)`);
    const gate = new WriteGate();

    const withKeys = new BulkLoad(db, [table]);
    withKeys.begin();
    expect(indexesOf(db, table)).toEqual([`${table}_id`]);
    expect(withKeys.keysPending).toBe(false);
    await withKeys.finish(gate, withKeys);
    expect(indexesOf(db, table)).toEqual([`${table}_id`, `${table}_position`]);

    const byRowid = new BulkLoad(db, [table]);
    byRowid.begin(true);
    expect(indexesOf(db, table)).toEqual([]);
    expect(byRowid.keysPending).toBe(true);
    await byRowid.finish(gate, byRowid, true);
    expect(indexesOf(db, table)).toEqual([`${table}_id`]);
    expect([byRowid.keysPending, byRowid.pending]).toEqual([false, true]);
    await byRowid.finish(gate, byRowid);
    expect(indexesOf(db, table)).toEqual([`${table}_id`, `${table}_position`]);
    expect(byRowid.pending).toBe(false);
    db.close();
  });
});
