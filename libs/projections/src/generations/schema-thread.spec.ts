import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryEventStore } from '@app/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { openReadModelDatabase } from '../runner/read-model-database';
import { APPLIED_LOG_TABLE, appendEvents, appliedLogProjection } from '../testing/applied-log.projection';
import { SchemaThreadError, runOnThread } from './schema-thread';

const now = () => '2024-01-01T00:00:00.000Z';
const generationTables = (db: Database.Database) =>
  db
    .prepare<[string], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ? ORDER BY name")
    .pluck()
    .all(`${APPLIED_LOG_TABLE}_g*`);
const createTable = (db: Database.Database, name: string) =>
  db.exec(`CREATE TABLE ${name} (position INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL)`);

describe('schema work on a thread of its own connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schema-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs its jobs in the file, leaving alone a generation that is in use again', async () => {
    const file = join(dir, 'guard.db');
    const db = openReadModelDatabase(file);
    db.prepare('INSERT INTO projection_generations (name, active, building) VALUES (?, 1, 4)').run('applied-log');
    for (const generation of [1, 3, 4]) createTable(db, `${APPLIED_LOG_TABLE}_g${generation}`);
    const done: string[] = [];
    const drop = (generation: number) => ({
      sql: `DROP TABLE IF EXISTS ${APPLIED_LOG_TABLE}_g${generation}`,
      unlessLive: { name: 'applied-log', generation },
    });
    await runOnThread(file, [drop(1), drop(3), drop(4)], (sql) => done.push(sql));
    expect(generationTables(db)).toEqual([`${APPLIED_LOG_TABLE}_g1`, `${APPLIED_LOG_TABLE}_g4`]);
    expect(done).toHaveLength(3);
    db.close();
  });

  it('rejects with the connection’s error, the jobs before it committed', async () => {
    const file = join(dir, 'failing.db');
    const db = openReadModelDatabase(file);
    createTable(db, 'things');
    const failed = runOnThread(file, [
      { sql: 'CREATE INDEX things_position ON things (position)' },
      { sql: 'CREATE INDEX nowhere_position ON nowhere (position)' },
    ]);
    await expect(failed).rejects.toBeInstanceOf(SchemaThreadError);
    await expect(failed).rejects.toThrow('no such table: main.nowhere');
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'things'").pluck().all(),
    ).toEqual(['things_position']);
    db.close();
  });

  it('builds an index reading the file through a memory map, rows still in the WAL included', async () => {
    const file = join(dir, 'mapped.db');
    const db = openReadModelDatabase(file);
    createTable(db, 'things');
    const insert = db.prepare('INSERT INTO things VALUES (?, ?, ?)');
    const rows = (from: number, to: number) => {
      for (let position = from; position < to; position++) insert.run(position, `e${position}`, 'x'.repeat(5000));
    };
    rows(0, 300);
    db.pragma('wal_checkpoint(TRUNCATE)');
    rows(300, 400);

    await runOnThread(file, [{ sql: 'CREATE INDEX things_event ON things (event_id, position)' }], undefined, 2 ** 24);

    const indexed = db.prepare('SELECT position FROM things INDEXED BY things_event ORDER BY event_id').pluck().all();
    expect([...indexed].sort((one, other) => Number(one) - Number(other))).toEqual(
      Array.from({ length: 400 }, (_, position) => position),
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('drops, on start, the tables of a generation that a crash left behind after its switch', async () => {
    const file = join(dir, 'leftover.db');
    const store = new MemoryEventStore();
    let db = openReadModelDatabase(file);
    let runner = new ProjectionRunner(store, db, [appliedLogProjection], now, { batchSize: 5 });
    runner.start();
    await runner.waitFor(await appendEvents(store, 12), 2000);
    await runner.stop();
    createTable(db, `${APPLIED_LOG_TABLE}_g7`);
    db.close();

    db = openReadModelDatabase(file);
    runner = new ProjectionRunner(store, db, [appliedLogProjection], now, { batchSize: 5 });
    runner.start();
    for (let polls = 0; polls < 200 && generationTables(db).length > 1; polls++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(generationTables(db)).toEqual([`${APPLIED_LOG_TABLE}_g1`]);
    expect(db.prepare(`SELECT count(*) FROM ${APPLIED_LOG_TABLE}`).pluck().get()).toBe(12);
    await runner.stop();
    db.close();
  });
});
