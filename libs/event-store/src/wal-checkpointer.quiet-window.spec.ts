import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { useTempDir } from './testing/temp-dir.contract';
import { CHECKPOINT_THREAD_AFTER_EVENTS, WalCheckpointer } from './wal-checkpointer';

const FOUR_KILOBYTES = 'x'.repeat(4096);
const WINDOW_AFTER_PAGES = 32;
/**
 * Commits of one 4 KB row, one after the other, each holding its transaction 0.4 ms (a writer that
 * is always in the middle of a commit, as under load): ~2,000 × 2 frames, ~16 MB, over ~1 s.
 */
const COMMITS = 2000;

/**
 * A steady writer (a group commit every turn, as under load) on a WAL that only a checkpoint
 * thread copies: `wal_autocheckpoint` is off, so nothing but a start-over keeps the WAL short.
 * Returns the WAL file's size at the end (SQLite never shrinks it: the most the WAL held) and the rows stored.
 */
async function underSteadyWrites(file: string): Promise<{ walBytes: number; rows: number }> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const group = new SqliteGroupCommit<void>(db);
  const checkpointer = new WalCheckpointer(file, 5000, () => undefined, 5, WINDOW_AFTER_PAGES);
  checkpointer.useQuietWindow((checkpoint) => group.whileQuiet(checkpoint));
  checkpointer.wrote(CHECKPOINT_THREAD_AFTER_EVENTS);
  try {
    for (let turn = 0; turn < COMMITS; turn++) {
      await group.submit(() => {
        for (const until = performance.now() + 0.4; performance.now() < until;);
        insert.run(FOUR_KILOBYTES);
      });
    }
  } finally {
    await checkpointer.close();
  }
  const walBytes = statSync(`${file}-wal`).size;
  const { rows } = db.prepare('SELECT count(*) AS rows FROM t').get() as { rows: number };
  db.close();
  return { walBytes, rows };
}

describe('WalCheckpointer: quiet windows let the WAL start over under a steady writer', () => {
  const dir = useTempDir('wal-quiet-');

  it('keeps the WAL within a few windows of frames while the writer never stops, and every write commits', async () => {
    const { walBytes, rows } = await underSteadyWrites(join(dir(), 'quiet.db'));
    // Without the windows the WAL holds all ~16 MB of frames (a start-over needs a writer to begin while every frame is copied).
    expect(walBytes).toBeLessThan(6 * 1024 * 1024);
    expect(rows).toBe(COMMITS);
  });

  it('keeps asking after a window that failed before its checkpoint (the thread is never left waiting)', async () => {
    const file = join(dir(), 'refused.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const checkpointer = new WalCheckpointer(file, 5000, () => undefined, 5, 4);
    let asked = 0;
    checkpointer.useQuietWindow(() => {
      asked++;
      if (asked % 2 === 0) throw new Error('refused at once');
      return Promise.reject(new Error('refused'));
    });
    checkpointer.wrote(CHECKPOINT_THREAD_AFTER_EVENTS);
    try {
      const deadline = Date.now() + 5000;
      while (asked < 3 && Date.now() < deadline) {
        db.transaction(() => {
          for (let row = 0; row < 8; row++) insert.run(FOUR_KILOBYTES);
        })();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      await checkpointer.close();
      db.close();
    }
    expect(asked).toBeGreaterThanOrEqual(3);
  });
});
