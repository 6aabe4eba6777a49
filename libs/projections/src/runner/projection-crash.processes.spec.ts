import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type Database from 'better-sqlite3';
import { SqliteEventStore } from '@app/event-store';
import { appendCases } from '../../../application/src/testing/case-streams.fixture';
import { generationCheckpoint } from '../generations/projection-generations';
import { CASE_VIEW_TABLE } from '../case-view/case-view.projection';
import { INTAKE_LEDGER_TABLE } from '../intake-ledger/intake-ledger.projection';
import { APPLIED_LOG_TABLE, appendEvents, appliedPositions } from '../testing/applied-log.projection';
import { openReadModelDatabase, readCheckpoint } from './read-model-database';

const REGISTER = join(__dirname, '../../../../scripts/swc-register.js');
const CHILD = join(__dirname, '../testing/projection-runner.child.ts');
const BATCH = 40;

/** Runs the projections in a child; with `stallAfter`, SIGKILLs it while it is blocked inside a batch. */
async function runChild(events: string, readModels: string, stallAfter = 0): Promise<{ line: string; ended: string }> {
  const child = spawn(
    process.execPath,
    ['-r', REGISTER, CHILD, events, readModels, String(BATCH), String(stallAfter)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise<string>((resolve) =>
    child.once('close', (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  let line = '';
  for await (line of createInterface({ input: child.stdout })) {
    if (line.startsWith('stalled')) child.kill('SIGKILL');
  }
  const result = { line, ended: await ended };
  if (stderr) throw new Error(stderr);
  return result;
}

const dump = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('projections killed in the middle of a batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projection-crash-'));
  const events = join(dir, 'events.db');
  const readModels = join(dir, 'read-models.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('roll the batch back with its checkpoint, resume without applying an event twice, and equal a rebuild from scratch', async () => {
    const store = new SqliteEventStore(events);
    await appendCases(store, 120);

    const first = await runChild(events, readModels, 250);
    expect(first.ended).toBe('SIGKILL');
    const stalledAt = Number(first.line.split(' ')[1]);
    let db = openReadModelDatabase(readModels);
    const checkpoint = readCheckpoint(db, generationCheckpoint('applied-log', 1));
    expect(checkpoint).toBeLessThan(stalledAt);
    expect(checkpoint % BATCH).toBe(0);
    expect(appliedPositions(db)).toEqual(range(checkpoint));
    db.close();

    await appendCases(store, 30);
    await appendEvents(store, 50);
    expect((await runChild(events, readModels, 333)).ended).toBe('SIGKILL');
    const head = await store.headPosition();
    expect(await runChild(events, readModels)).toEqual({ line: `caught-up ${head}`, ended: 'exit code 0' });

    const fresh = join(dir, 'from-scratch.db');
    expect((await runChild(events, fresh)).ended).toBe('exit code 0');
    [db] = [openReadModelDatabase(readModels)];
    const rebuilt = openReadModelDatabase(fresh);
    expect(appliedPositions(db)).toEqual(range(head));
    for (const table of [CASE_VIEW_TABLE, INTAKE_LEDGER_TABLE, APPLIED_LOG_TABLE])
      expect(dump(db, table)).toEqual(dump(rebuilt, table));
    expect(dump(db, CASE_VIEW_TABLE)).toHaveLength(150);
    db.close();
    rebuilt.close();
    await store.close();
  }, 60_000);
});
