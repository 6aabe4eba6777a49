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
    const results = await Promise.allSettled([
      group.submit(insert(1)),
      group.submit(insert(1)),
      group.submit(insert(2)),
    ]);
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

  describe('on a full disk', () => {
    /** Larger than a page, so it always needs new (overflow) pages: the size limit refuses it. */
    const tooLarge = 'x'.repeat(8192);
    /** One row: SQLite answers SQLITE_FULL by rolling back the whole transaction. */
    const insertTooLarge = (value: number) => () =>
      db.prepare('INSERT INTO t VALUES (?)').run(`${value}${tooLarge}`).changes;
    /** Several rows: SQLite keeps a statement journal and rolls back only the statement. */
    const insertWithTooLarge = (value: number) => () =>
      db.prepare('INSERT INTO t VALUES (?), (?)').run(value, tooLarge).changes;
    const codesOf = (results: PromiseSettledResult<number>[]) =>
      results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : r.status));
    const fillToSizeLimit = () => db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);

    it('rejects only the failed append when SQLite rolled back only its statement', async () => {
      const group = new SqliteGroupCommit<number>(db);
      fillToSizeLimit();

      const results = await Promise.allSettled([
        group.submit(insert(1)),
        group.submit(insertWithTooLarge(2)),
        group.submit(insert(3)),
      ]);

      expect(codesOf(results)).toEqual(['fulfilled', 'SQLITE_FULL', 'fulfilled']);
      expect(rows()).toEqual([1, 3]);
    });

    it('rejects every append of the group and stores none when SQLite rolled back the transaction', async () => {
      const group = new SqliteGroupCommit<number>(db);
      fillToSizeLimit();

      const results = await Promise.allSettled([
        group.submit(insert(1)),
        group.submit(insertTooLarge(2)),
        group.submit(insert(3)),
      ]);

      expect(codesOf(results)).toEqual(['SQLITE_FULL', 'SQLITE_FULL', 'SQLITE_FULL']);
      expect(rows()).toEqual([]);
      expect(db.inTransaction).toBe(false);
    });

    it('commits the next group once there is room again', async () => {
      const group = new SqliteGroupCommit<number>(db);
      fillToSizeLimit();
      await Promise.allSettled([group.submit(insertTooLarge(1))]);
      db.pragma('max_page_count = 1000000');

      await expect(Promise.all([group.submit(insert(1)), group.submit(insert(2))])).resolves.toEqual([1, 1]);
      expect(rows()).toEqual([1, 2]);
    });
  });

  it('splits a group larger than the maximum into several transactions', async () => {
    const group = new SqliteGroupCommit<number>(db, 2);
    await Promise.all([1, 2, 3, 4, 5].map((v) => group.submit(insert(v))));
    expect(rows()).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts no group in a quiet window: the works submitted meanwhile commit together once it ends', async () => {
    const group = new SqliteGroupCommit<number>(db);
    let endWindow = () => undefined as void;
    const window = group.whileQuiet(() => new Promise<void>((resolve) => (endWindow = resolve)));
    const submitted = [group.submit(insert(1)), group.submit(insert(2))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rows()).toEqual([]);
    const third = group.submit(insert(3));
    endWindow();
    await window;
    expect(await Promise.all([...submitted, third])).toEqual([1, 1, 1]);
    expect(rows()).toEqual([1, 2, 3]);
  });

  it('commits what waits in a quiet window when the connection is about to close (drain)', async () => {
    const group = new SqliteGroupCommit<number>(db);
    void group.whileQuiet(() => new Promise<void>(() => undefined));
    const waiting = group.submit(insert(7));
    group.drain();
    expect(await waiting).toBe(1);
    expect(rows()).toEqual([7]);
  });
});
