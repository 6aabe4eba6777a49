import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { READ_MODEL_PROJECTIONS } from '../read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { openReadModelDatabase } from '../runner/read-model-database';

const now = () => '2024-07-01T00:00:00.000Z';
const CASES = 36;

/** Cases of 2 to 6 events, appended one event at a time in turn, so that each case spans many batches. */
async function appendInterleaved(store: EventStore): Promise<number> {
  const streams = Array.from({ length: CASES }, (_, index) => {
    const id = randomUUID();
    return { name: applicationStreamName(id), events: caseStream(id, index, 2 + (index % 5)) };
  });
  let head = 0;
  for (let step = 0; step < 6; step++)
    for (const { name, events } of streams)
      if (events[step]) head = (await store.appendToStream(name, [events[step]], { expectedRevision: 'any' })).position;
  return head;
}

const baseTables = READ_MODEL_PROJECTIONS.flatMap((projection) => projection.tables);
/** Every row of each read model, in a fixed order: what a reader could ever see. */
const rows = (db: Database.Database) =>
  Object.fromEntries(baseTables.map((base) => [base, db.prepare(`SELECT * FROM ${base} ORDER BY 1, 2`).raw().all()]));
/** Each generation table's index definitions, with the generation taken out of the names. */
const indexes = (db: Database.Database) =>
  db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .all()
    .map(({ sql }) => sql.replace(/_g\d+/g, '_g*'));
const tableNames = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '*_g[0-9]*'").pluck().all();

/**
 * Whole-table statements the connection itself ran: an index it built over rows (it did not exist
 * before, and its table was not empty) or a generation table it dropped. On the event loop, each
 * holds it for as long as the table is large.
 */
function wholeTableStatementsOf(db: Database.Database): string[] {
  const seen: string[] = [];
  const exec = db.exec.bind(db);
  const exists = (name: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
  const hasRows = (table: string) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined;
  jest.spyOn(db, 'exec').mockImplementation((sql: string) => {
    const [, created, indexed] = /CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+) ON (\w+)/i.exec(sql) ?? [];
    const dropped = /DROP TABLE (?:IF EXISTS )?(\w+_g\d+)/i.exec(sql)?.[1];
    if ((created && !exists(created) && hasRows(indexed)) || (dropped && exists(dropped))) seen.push(sql.trim());
    return exec(sql);
  });
  return seen;
}

describe('rebuilding the read models in a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-equals-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['in memory', () => new MemoryEventStore()],
    ["in SQLite (the case view's fold thread reads it itself)", () => new SqliteEventStore(join(dir, 'events.db'))],
  ])(
    'gives the same rows and indexes as the live catch-up, and runs no index build nor table drop on the event loop (a log %s)',
    async (_, openStore) => {
      const store: EventStore = openStore();
      const db = openReadModelDatabase(join(dir, `read-models-${Math.random()}.db`));
      const runner = new ProjectionRunner(store, db, READ_MODEL_PROJECTIONS, now, { batchSize: 7 });
      try {
        runner.start();
        await runner.waitFor(await appendInterleaved(store), 10_000);
        const live = { rows: rows(db), indexes: indexes(db) };
        expect(live.rows.case_view_v1).toHaveLength(CASES);
        expect(live.rows.intake_ledger_v1.length).toBeGreaterThan(0);
        expect(live.rows.statistics_daily_v1.length).toBeGreaterThan(0);

        const onEventLoop = wholeTableStatementsOf(db);
        for (const name of runner.rebuildable()) {
          const { rebuild } = await runner.rebuild(name);
          await runner.waitForGeneration(name, rebuild?.generation ?? 0, 10_000);
        }

        expect(runner.statuses().map(({ generation }) => generation)).toEqual([2, 2, 2]);
        expect(rows(db)).toEqual(live.rows);
        expect(indexes(db)).toEqual(live.indexes);
        expect(tableNames(db).sort()).toEqual(baseTables.map((base) => `${base}_g2`).sort());
        expect(onEventLoop).toEqual([]);
      } finally {
        await runner.stop();
        db.close();
        await store.close();
      }
    },
    30_000,
  );
});
