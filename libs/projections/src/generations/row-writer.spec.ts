import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { openReadModelDatabase, readCheckpoint, writeCheckpoint } from '../runner/read-model-database';
import { beginRebuild, ensureGenerations, switchGeneration } from './projection-generations';
import { RowWriter, RowWriterRetiredError, type RowWriterOptions } from './row-writer';

const AT = '2024-07-01T00:00:00.000Z';
const projection = { name: 'rows', tables: ['rows_v1'] };

describe('the row writer thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'row-writer-'));
  let db: Database.Database;
  let writer: RowWriter;
  let options: RowWriterOptions;
  const rows = () => db.prepare('SELECT id, value FROM rows_v1_g2 ORDER BY id').raw().all();

  beforeEach(() => {
    db = openReadModelDatabase(join(dir, `${Math.random()}.db`));
    ensureGenerations(db, projection.name);
    beginRebuild(db, projection);
    db.exec('CREATE TABLE rows_v1_g2 (id TEXT PRIMARY KEY, value TEXT NOT NULL)');
    options = {
      file: db.name,
      name: projection.name,
      generation: 2,
      checkpoint: 'rows@g2',
      sql: 'INSERT INTO rows_v1_g2 (id, value) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value',
    };
    writer = new RowWriter(options);
  });
  afterEach(async () => {
    await writer.close();
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a batch and moves the checkpoint in one transaction', async () => {
    await writer.write({
      rows: [
        ['a', '1'],
        ['b', '2'],
      ],
      from: 0,
      to: 7,
      at: AT,
    });
    await writer.write({ rows: [['a', '3']], from: 7, to: 9, at: AT });
    expect(rows()).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
    expect(readCheckpoint(db, 'rows@g2')).toBe(9);
  });

  it('writes nothing when another writer moved the checkpoint since the batch was folded', async () => {
    writeCheckpoint(db, 'rows@g2', 5, AT);
    await expect(writer.write({ rows: [['a', '1']], from: 0, to: 7, at: AT })).rejects.toThrow(/moved to 5/);
    expect(rows()).toEqual([]);
    expect(readCheckpoint(db, 'rows@g2')).toBe(5);
  });

  it('writes nothing once its generation is neither active nor building', async () => {
    db.transaction(() => switchGeneration(db, projection, 3, AT))();
    await expect(writer.write({ rows: [['a', '1']], from: 0, to: 7, at: AT })).rejects.toBeInstanceOf(
      RowWriterRetiredError,
    );
    expect(rows()).toEqual([]);
    expect(readCheckpoint(db, 'rows@g2')).toBe(0);
  });

  it('reports a failed statement with its SQLite code, rolls it back, and writes the next batch', async () => {
    await expect(
      writer.write({
        rows: [
          ['a', '1'],
          ['b', null],
        ],
        from: 0,
        to: 7,
        at: AT,
      }),
    ).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_NOTNULL',
    });
    expect(rows()).toEqual([]);
    await writer.write({ rows: [['a', '1']], from: 0, to: 7, at: AT });
    expect(rows()).toEqual([['a', '1']]);
  });

  it("takes a batch's rows by id from the fold's port, whether they arrive before or after the batch, and lets go of skipped ones", async () => {
    const { port1: fold, port2: rowsPort } = new MessageChannel();
    const fed = new RowWriter({ ...options, rowsPorts: [rowsPort] });
    try {
      fold.postMessage({ id: 1, rows: [['skipped', '0']] });
      fold.postMessage({ id: 2, rows: [['a', '1']] });
      await fed.write({ id: 2, from: 0, to: 7, at: AT });
      const later = fed.write({ id: 3, from: 7, to: 9, at: AT });
      fold.postMessage({ id: 3, rows: [['b', '2']] });
      await later;
      expect(rows()).toEqual([
        ['a', '1'],
        ['b', '2'],
      ]);
      expect(readCheckpoint(db, 'rows@g2')).toBe(9);
    } finally {
      await fed.close();
      fold.close();
    }
  });

  it("with a port per fold thread, writes a batch once every thread's part is in, all parts and the checkpoint together", async () => {
    const [one, other] = [new MessageChannel(), new MessageChannel()];
    const fed = new RowWriter({ ...options, rowsPorts: [one.port2, other.port2] });
    try {
      one.port1.postMessage({ id: 1, rows: [['skipped', '0']] });
      one.port1.postMessage({ id: 2, rows: [['a', '1']] });
      let written = false;
      const writing = fed.write({ id: 2, from: 0, to: 7, at: AT }).then(() => (written = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([written, rows(), readCheckpoint(db, 'rows@g2')]).toEqual([false, [], 0]);

      other.port1.postMessage({ id: 2, rows: [['b', '2']] });
      await writing;
      expect(rows()).toEqual([
        ['a', '1'],
        ['b', '2'],
      ]);
      expect(readCheckpoint(db, 'rows@g2')).toBe(7);
    } finally {
      await fed.close();
      for (const { port1 } of [one, other]) port1.close();
    }
  });
});
