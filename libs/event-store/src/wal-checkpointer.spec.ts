import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';
import {
  BACKSTOP_CHECKPOINT_PAGES,
  CHECKPOINT_INTERVAL_MS,
  CHECKPOINT_THREAD_AFTER_EVENTS,
  EVENT_LOG_CHECKPOINT_INTERVAL_MS,
  WalCheckpointer,
} from './wal-checkpointer';

const KILOBYTE = 'x'.repeat(1024);

async function appendEvents(store: SqliteEventStore, count: number): Promise<void> {
  for (let done = 0; done < count; done += 100) {
    await Promise.all(
      Array.from({ length: 100 }, () =>
        store.appendToStream(newStream(), [newEvent({ data: { text: KILOBYTE } })], { expectedRevision: 'no-stream' }),
      ),
    );
  }
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('WalCheckpointer: the WAL checkpointed on a thread of its own', () => {
  const dir = useTempDir('wal-checkpoint-');

  it('keeps SQLite checkpointing in COMMIT while the store is small', async () => {
    const store = new SqliteEventStore(join(dir(), 'events.db'));
    await appendEvents(store, 100);
    expect(store['db'].pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });

  it('takes over once the store has appended enough: the database file grows while COMMIT no longer checkpoints', async () => {
    const file = join(dir(), 'events.db');
    const store = new SqliteEventStore(file);
    await appendEvents(store, CHECKPOINT_THREAD_AFTER_EVENTS + 100);
    expect(store['db'].pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
    const before = statSync(file).size;
    await appendEvents(store, 1000);
    await eventually(() => statSync(file).size > before + 512 * 1024);
    await store.close();
    const reopened = new SqliteEventStore(file);
    expect(await reopened.headPosition()).toBe(CHECKPOINT_THREAD_AFTER_EVENTS + 1100);
    await reopened.close();
  });

  it("checkpoints at the interval it is given: the event log's every 2 s, the read models' (the default) every 250 ms", async () => {
    const store = new SqliteEventStore(join(dir(), 'events.db'));
    expect(store['durability']['checkpointer']?.['intervalMs']).toBe(EVENT_LOG_CHECKPOINT_INTERVAL_MS);
    await store.close();
    expect(new WalCheckpointer('unused.db', 5000, () => undefined)['intervalMs']).toBe(CHECKPOINT_INTERVAL_MS);

    /** Whether the thread copies the WAL into the file within `waitMs` (looked at every 50 ms). */
    const copiedWithin = async (intervalMs: number, waitMs: number): Promise<boolean> => {
      const file = join(dir(), `interval-${intervalMs}.db`);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (x TEXT)');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.transaction(() => {
        for (let row = 0; row < 512; row++) insert.run(KILOBYTE);
      })();
      const before = statSync(file).size;
      const checkpointer = new WalCheckpointer(file, 5000, () => undefined, intervalMs);
      checkpointer.wrote(CHECKPOINT_THREAD_AFTER_EVENTS);
      const deadline = Date.now() + waitMs;
      let grown = false;
      while (!grown && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        grown = statSync(file).size > before;
      }
      await checkpointer.close();
      db.close();
      return grown;
    };
    expect(await copiedWithin(60_000, 1000)).toBe(false);
    expect(await copiedWithin(20, 10_000)).toBe(true);
  });

  it('lets a process that awaits close() with nothing else to do live through it', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(__dirname, 'testing', 'swc-register.js'),
        join(__dirname, 'testing', 'sqlite-writer.child.js'),
        'append-then-close',
        join(dir(), 'events.db'),
        String(CHECKPOINT_THREAD_AFTER_EVENTS + 100),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'closed\n', stderr: '' });
  });
});
