import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteGroupCommit } from './sqlite-group-commit';

describe('SqliteGroupCommit', () => {
  let dir: string;
  let db: Database.Database;
  let reader: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    db = new Database(join(dir, 'g.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v INTEGER UNIQUE)');
    reader = new Database(join(dir, 'g.db'), { readonly: true });
  });
  afterEach(() => {
    reader.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (value: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(value).changes;
  const rows = () => (db.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);

  it('commits the appends of one turn in one transaction, in order', async () => {
    const group = new SqliteGroupCommit<number>(db);
    const seenByOthers: number[] = [];
    const results = await Promise.all([
      group.submit(insert(1)),
      group.submit(() => {
        seenByOthers.push((reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);
        return insert(2)();
      }),
    ]);
    expect(results).toEqual([1, 1]);
    expect(seenByOthers).toEqual([0]);
    expect(rows()).toEqual([1, 2]);
  });

  it('rolls back and rejects only the append that failed', async () => {
    const group = new SqliteGroupCommit<number>(db);
    const results = await Promise.allSettled([group.submit(insert(1)), group.submit(insert(1)), group.submit(insert(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([1, 2]);
  });

  it('answers nobody before the commit: work of a later turn is a later transaction', async () => {
    const group = new SqliteGroupCommit<boolean>(db);
    const first = await group.submit(() => db.inTransaction);
    const second = await group.submit(() => db.inTransaction);
    expect([first, second]).toEqual([true, true]);
    expect(db.inTransaction).toBe(false);
  });

  it('splits a group larger than the maximum into several transactions', async () => {
    const group = new SqliteGroupCommit<number>(db, 2);
    await Promise.all([1, 2, 3, 4, 5].map((v) => group.submit(insert(v))));
    expect(rows()).toEqual([1, 2, 3, 4, 5]);
  });
});
