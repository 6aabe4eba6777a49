import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { applicationDecider, applicationStreamName } from '@app/domain';
import { MemoryEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { CASE_VIEW_TABLE, caseViewProjection } from '../case-view/case-view.projection';
import { caseViewKeyIndex, hasCaseViewKey } from '../case-view/case-view.key';
import { caseViewRowFold } from '../case-view/case-view.row-fold';
import { ProjectionRunner } from '../runner/projection-runner';
import { openReadModelDatabase, writeCheckpoint } from '../runner/read-model-database';
import { BulkLoad } from './bulk-load';
import { FoldThread } from './fold-thread';
import { RANGE_PAGES } from './rebuilding';
import { beginRebuild, generationCheckpoint, generationTable } from './projection-generations';

const now = () => '2024-07-01T00:00:00.000Z';
const CASES = 30;
const BATCH = 5;

/** Cases of 3 to 6 events, one event per append in turn: each case spans several batches. */
async function appendInterleaved(store: EventStore): Promise<number> {
  const streams = Array.from({ length: CASES }, (_, index) => {
    const id = randomUUID();
    return { name: applicationStreamName(id), events: caseStream(id, index, 3 + (index % 4)) };
  });
  let head = 0;
  for (let step = 0; step < 6; step++)
    for (const { name, events } of streams)
      if (events[step]) head = (await store.appendToStream(name, [events[step]], { expectedRevision: 'any' })).position;
  return head;
}

/** Counts the rows the connection itself writes into `table`, through any statement it prepares from now on. */
function rowsWrittenBy(db: Database.Database, table: string): { count: number } {
  const written = { count: 0 };
  const prepare = db.prepare.bind(db);
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    if (new RegExp(`^\\s*INSERT INTO ${table}\\b`).test(sql)) {
      const run = statement.run.bind(statement);
      statement.run = (...parameters: unknown[]) => {
        written.count++;
        return run(...parameters);
      };
    }
    return statement;
  });
  return written;
}

/** Counts the reads of every id in `table` by the connection itself (a fold finding its rows by rowid surveys the table so). */
function idSurveysBy(db: Database.Database, table: string): { count: number } {
  const surveys = { count: 0 };
  const prepare = db.prepare.bind(db);
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    if (sql.trim() === `SELECT rowid, application_id FROM ${table}`) {
      const all = statement.all.bind(statement);
      statement.all = (...parameters: unknown[]) => {
        surveys.count++;
        return all(...parameters);
      };
    }
    return statement;
  });
  return surveys;
}

const indexesOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name")
    .pluck()
    .all(table);

describe('a rebuild of the case view in a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-pipeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('reads the log in bulk up to the active checkpoint, writes its rows on a thread but for the first and last batch, and gives the catch-up rows', async () => {
    const store = new MemoryEventStore();
    const db = openReadModelDatabase(join(dir, 'read-models.db'));
    const runner = new ProjectionRunner(store, db, [caseViewProjection], now, { batchSize: BATCH });
    const rows = () => db.prepare(`SELECT * FROM ${CASE_VIEW_TABLE} ORDER BY application_id`).raw().all();
    try {
      runner.start();
      const head = await appendInterleaved(store);
      await runner.waitFor(head, 10_000);
      const live = rows();
      expect(live).toHaveLength(CASES);

      const onEventLoop = rowsWrittenBy(db, `${CASE_VIEW_TABLE}_g2`);
      const dropped = jest.spyOn(db, 'exec');
      const subscribed = jest.spyOn(store, 'subscribeToAll');
      const readInBulk = jest.spyOn(store, 'readAll');
      const { rebuild } = await runner.rebuild('case-view');
      await runner.waitForGeneration('case-view', rebuild?.generation ?? 0, 10_000);

      expect(runner.status('case-view').generation).toBe(2);
      expect(rows()).toEqual(live);
      expect(head / BATCH).toBeGreaterThan(20);
      expect(onEventLoop.count).toBeGreaterThan(0);
      expect(onEventLoop.count).toBeLessThanOrEqual(2 * BATCH);
      expect(subscribed.mock.calls.filter(([options]) => (options?.after ?? 0) < head)).toEqual([]);
      expect(readInBulk.mock.calls.length).toBeGreaterThanOrEqual(head / BATCH);
      expect(dropped.mock.calls.map(([sql]) => sql)).toContain(
        `DROP INDEX "${caseViewKeyIndex(`${CASE_VIEW_TABLE}_g2`)}"`,
      );
      expect(hasCaseViewKey(db, `${CASE_VIEW_TABLE}_g2`)).toBe(true);
    } finally {
      await runner.stop();
      db.close();
    }
  }, 30_000);

  it("on a SQLite event log, lets the fold's threads read the log themselves, RANGE_PAGES pages at a time: the event loop reads only the first and the last pages", async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const db = openReadModelDatabase(join(dir, 'read-models-sqlite.db'));
    const runner = new ProjectionRunner(store, db, [caseViewProjection], now, { batchSize: BATCH });
    const rows = () => db.prepare(`SELECT * FROM ${CASE_VIEW_TABLE} ORDER BY application_id`).raw().all();
    try {
      runner.start();
      const head = await appendInterleaved(store);
      await runner.waitFor(head, 10_000);
      const live = rows();

      const onEventLoop = rowsWrittenBy(db, `${CASE_VIEW_TABLE}_g2`);
      const readOnEventLoop = jest.spyOn(store, 'readAll');
      const ranges = jest.spyOn(FoldThread.prototype, 'foldRange');
      const { rebuild } = await runner.rebuild('case-view');
      await runner.waitForGeneration('case-view', rebuild?.generation ?? 0, 10_000);

      expect(runner.status('case-view').generation).toBe(2);
      expect(rows()).toEqual(live);
      expect(head / BATCH).toBeGreaterThan(20);
      expect(onEventLoop.count).toBeLessThanOrEqual(2 * BATCH);
      expect(readOnEventLoop.mock.calls.length).toBeLessThanOrEqual(2);
      expect(ranges.mock.calls.length).toBeGreaterThan(0);
      expect(ranges.mock.calls.length).toBeLessThanOrEqual(Math.ceil(head / (BATCH * RANGE_PAGES)));
      expect(ranges.mock.calls.map(([after, to]) => to - after)).toContain(BATCH * RANGE_PAGES);
    } finally {
      await runner.stop();
      db.close();
      await store.close();
    }
  }, 30_000);

  it('resumed after a restart, opens its generation without the indexes it dropped, its key among them, and builds them on a thread', async () => {
    const store = new SqliteEventStore(join(dir, 'restart-events.db'));
    const db = openReadModelDatabase(join(dir, 'restart-read-models.db'));
    const newRunner = () => new ProjectionRunner(store, db, [caseViewProjection], now, { batchSize: BATCH });
    let runner = newRunner();
    const rows = () => db.prepare(`SELECT * FROM ${CASE_VIEW_TABLE} ORDER BY application_id`).raw().all();
    const table = `${CASE_VIEW_TABLE}_g2`;
    try {
      runner.start();
      const head = await appendInterleaved(store);
      await runner.waitFor(head, 10_000);
      const live = rows();
      await runner.stop();
      // A rebuild stopped after its first 40 events: generation 2 is building, every index of its table dropped.
      const generation = beginRebuild(db, caseViewProjection);
      const tables = (base: string) => generationTable(base, generation);
      caseViewProjection.createTables(db, tables);
      const all = indexesOf(db, table);
      const first = await store.readAll({ after: 0, limit: 40 });
      db.transaction(() => {
        new BulkLoad(db, [table]).begin(true);
        const fold = caseViewRowFold(db, table);
        for (const event of first) fold.apply(event);
        const upsert = db.prepare(fold.sql);
        for (const values of fold.takeRows()) upsert.run(values);
        writeCheckpoint(db, generationCheckpoint('case-view', generation), 40, now());
      })();

      const surveys = idSurveysBy(db, table);
      const executed = jest.spyOn(db, 'exec');
      const indexBuilds = jest.spyOn(BulkLoad.prototype, 'finish');
      runner = newRunner();
      runner.start();
      expect(indexesOf(db, table)).toEqual([]);
      expect(
        executed.mock.calls.filter(([sql]) => new RegExp(`CREATE (UNIQUE )?INDEX .* ON ${table} `).test(sql)),
      ).toEqual([]);
      await runner.waitForGeneration('case-view', generation, 10_000);

      expect(rows()).toEqual(live);
      expect(indexesOf(db, table)).toEqual(all);
      expect(surveys.count).toBe(0);
      // The event loop's first batch after the restart found its rows by key, built first; the rest at the switch.
      expect(indexBuilds.mock.calls.map(([, , keysOnly]) => keysOnly ?? false)).toEqual([true, false]);
      expect(db.prepare('SELECT count(*) FROM projection_deferred_indexes').pluck().get()).toBe(0);
    } finally {
      await runner.stop();
      db.close();
      await store.close();
    }
  }, 30_000);

  it.each([
    ['in memory', () => new MemoryEventStore()],
    ['SQLite, read by the thread itself', () => new SqliteEventStore(join(dir, 'poison-events.db'))],
  ])(
    'parks an event the fold on the thread cannot process, as on the event loop, and gives the rows of the catch-up (a log %s)',
    async (_, openStore) => {
      const store = openStore();
      const db = openReadModelDatabase(join(dir, `poison-${Math.random()}.db`));
      const runner = new ProjectionRunner(store, db, [caseViewProjection], now, { batchSize: BATCH });
      const rows = () => db.prepare(`SELECT * FROM ${CASE_VIEW_TABLE} ORDER BY application_id`).raw().all();
      try {
        runner.start();
        await appendInterleaved(store);
        const poison = await store.appendToStream(
          applicationStreamName(randomUUID()),
          [{ eventId: randomUUID(), type: 'ApplicationReceived', data: {}, metadata: {} }],
          { expectedRevision: 'no-stream' },
        );
        const head = await appendInterleaved(store);
        await runner.waitFor(head, 10_000);
        const [parked] = runner.parking.events.list({ state: 'parked', limit: 10 });
        expect(parked).toMatchObject({ handler: 'case-view', position: poison.position });
        const live = rows();

        const evolved = jest.spyOn(applicationDecider, 'evolve');
        const indexBuilds = jest.spyOn(BulkLoad.prototype, 'finish');
        await runner.retryParked(parked.id, { by: 'ops', reason: 'rebuild it' });
        await runner.waitForGeneration('case-view', 2, 10_000);

        expect(rows()).toEqual(live);
        expect(runner.parking.events.list({ state: 'parked', limit: 10 })).toEqual([
          expect.objectContaining({ position: poison.position, handler: 'case-view', attempts: 2 }),
        ]);
        expect(evolved.mock.calls.length).toBeLessThan(head / 2);
        // The event loop took the poisoned batch with the table's key built again, and the rest at the switch.
        expect(indexBuilds.mock.calls.map(([, , keysOnly]) => keysOnly ?? false)).toEqual([true, false]);
      } finally {
        await runner.stop();
        db.close();
        await store.close();
      }
    },
    30_000,
  );
});
