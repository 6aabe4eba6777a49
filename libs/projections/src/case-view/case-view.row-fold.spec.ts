import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { CASE_VIEW_TABLE, caseViewProjection } from './case-view.projection';
import { caseViewRowFold } from './case-view.row-fold';
import { caseViewKeyIndex, hasCaseViewKey } from './case-view.key';
import { streamPart } from '../generations/stream-part';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CASES = 8;
const BATCH = 3;

/** Cases of 2 to 6 events, one event per append in turn; `idOf` names each case. */
async function interleavedLog(idOf: (index: number) => string = () => randomUUID()): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const streams = Array.from({ length: CASES }, (_, index) => {
    const id = idOf(index);
    return { name: applicationStreamName(id), events: caseStream(id, index, 2 + (index % 5)) };
  });
  for (let step = 0; step < 6; step++)
    for (const { name, events } of streams)
      if (events[step]) await store.appendToStream(name, [events[step]], { expectedRevision: 'any' });
  return store.readAll({ after: 0, limit: 1000 });
}

const batchesOf = (events: RecordedEvent[]) =>
  Array.from({ length: Math.ceil(events.length / BATCH) }, (_, index) =>
    events.slice(index * BATCH, (index + 1) * BATCH),
  );

/** The SQL of each read (`get`, `all`) of a statement the connection prepares from now on. */
function readsOf(db: Database.Database): string[] {
  const prepare = db.prepare.bind(db);
  const reads: string[] = [];
  jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
    const statement = prepare(sql);
    const counted = statement as unknown as Record<'get' | 'all', (...parameters: unknown[]) => unknown>;
    for (const method of ['get', 'all'] as const) {
      const read = counted[method].bind(statement);
      counted[method] = (...parameters: unknown[]) => {
        reads.push(sql);
        return read(...parameters);
      };
    }
    return statement;
  });
  return reads;
}

/**
 * The catch-up's rows of `events` in `<table>_a`, and `<table>_b` empty without its key, as a bulk
 * load leaves it for the fold to fill by rowid.
 */
function caughtUpAndKeyless(events: readonly RecordedEvent[]): { db: Database.Database; table: string } {
  const db = new Database(':memory:');
  const caughtUp = caseViewProjection.openGeneration(db, (base) => `${base}_a`)();
  for (const event of events) caughtUp.apply(event);
  caughtUp.finish();
  caseViewProjection.openGeneration(db, (base) => `${base}_b`);
  const table = `${CASE_VIEW_TABLE}_b`;
  db.exec(`DROP INDEX ${caseViewKeyIndex(table)}`);
  return { db, table };
}

describe("the case view's fold for a rebuild", () => {
  it('writes the rows of the catch-up, holding the states of rows not committed yet however small its memory', async () => {
    const events = await interleavedLog();
    const db = new Database(':memory:');
    const caughtUp = caseViewProjection.openGeneration(db, (base) => `${base}_a`);
    caseViewProjection.openGeneration(db, (base) => `${base}_b`);
    for (const batch of batchesOf(events)) {
      const applier = caughtUp();
      for (const event of batch) applier.apply(event);
      applier.finish();
    }

    const fold = caseViewRowFold(db, `${CASE_VIEW_TABLE}_b`, undefined, 1);
    const row = db.prepare(fold.sql);
    const inFlight: unknown[][][] = [];
    for (const batch of batchesOf(events)) {
      for (const event of batch) fold.apply(event);
      inFlight.push(fold.takeRows());
      if (inFlight.length > 2) {
        for (const values of inFlight.shift() ?? []) row.run(values);
        fold.committed(fold.taken - 2);
      }
    }
    for (const rows of inFlight) for (const values of rows) row.run(values);

    const rowsOf = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY application_id`).raw().all();
    expect(rowsOf(`${CASE_VIEW_TABLE}_a`)).toHaveLength(CASES);
    expect(rowsOf(`${CASE_VIEW_TABLE}_b`)).toEqual(rowsOf(`${CASE_VIEW_TABLE}_a`));
  });

  it('reads the ids of a table holding a few rows at once, and then no row for an application it has not seen', async () => {
    const events = await interleavedLog();
    const [first, ...rest] = batchesOf(events);
    const db = new Database(':memory:');
    caseViewProjection.openGeneration(db, (base) => `${base}_b`);
    const before = caseViewRowFold(db, `${CASE_VIEW_TABLE}_b`);
    const row = db.prepare(before.sql);
    for (const event of first) before.apply(event);
    for (const values of before.takeRows()) row.run(values);

    const reads = readsOf(db);
    const fold = caseViewRowFold(db, `${CASE_VIEW_TABLE}_b`);
    for (const event of rest.flat()) fold.apply(event);
    const rows = fold.takeRows();

    const heldBefore = new Set(first.map((event) => event.streamName));
    const perRow = reads.filter((sql) => sql.includes('WHERE application_id'));
    expect(rows).toHaveLength(CASES);
    expect(reads.filter((sql) => sql.includes('LIMIT'))).toHaveLength(1);
    expect(perRow.length).toBeLessThanOrEqual(heldBefore.size);
  });

  it("finds the rows it wrote by rowid while a bulk load has dropped the table's key; folds side by side give rowids of their own", async () => {
    const events = await interleavedLog();
    const { db, table } = caughtUpAndKeyless(events);
    const [first, ...rest] = batchesOf(events);
    const onEventLoop = caseViewRowFold(db, table);
    for (const event of first) onEventLoop.apply(event);
    for (const values of onEventLoop.takeRows()) db.prepare(onEventLoop.sql).run(values);

    const reads = readsOf(db);
    const parts = [0, 1].map((index) => caseViewRowFold(db, table, { index, of: 2 }, 1));
    const row = db.prepare(parts[0].sql);
    for (const batch of rest) {
      for (const [index, fold] of parts.entries())
        for (const event of batch) if (streamPart(event.streamName, 2) === index) fold.apply(event);
      for (const values of parts.flatMap((fold) => fold.takeRows())) row.run(values);
      for (const fold of parts) fold.committed(fold.taken);
    }

    const rowsOf = (name: string) => db.prepare(`SELECT * FROM ${name} ORDER BY application_id`).raw().all();
    expect(hasCaseViewKey(db, table)).toBe(false);
    expect(rowsOf(table)).toHaveLength(CASES);
    expect(rowsOf(table)).toEqual(rowsOf(`${CASE_VIEW_TABLE}_a`));
    expect(reads.filter((sql) => sql.includes('WHERE application_id'))).toEqual([]);
    expect(reads.filter((sql) => sql.includes('WHERE rowid')).length).toBeGreaterThan(0);
  });

  it('gives rowids of its part only, so parts never give the same one, even when one reads the table after the other wrote rows', async () => {
    // Ids ending in 0 or 1, so that each part (the last character's code modulo 2) folds half the cases.
    const events = await interleavedLog((index) => `${randomUUID().slice(0, -1)}${index % 2}`);
    const { db, table } = caughtUpAndKeyless(events);
    const parts = [0, 1].map((index) => caseViewRowFold(db, table, { index, of: 2 }));
    const row = db.prepare(parts[0].sql);
    const caseOf = new Map<string, number>();
    for (const { streamName } of events) if (!caseOf.has(streamName)) caseOf.set(streamName, caseOf.size);
    /** One part folds the events of the cases in [from, to) and its rows are written. */
    const fold = (part: number, from: number, to: number) => {
      for (const event of events) {
        const index = caseOf.get(event.streamName) ?? -1;
        if (index % 2 === part && index >= from && index < to) parts[part].apply(event);
      }
      for (const values of parts[part].takeRows()) row.run(values);
    };

    // Part 1 reads the table after part 0 wrote its first cases; then both add cases.
    fold(0, 0, 4);
    fold(1, 0, 4);
    fold(0, 4, CASES);
    fold(1, 4, CASES);

    const rowsOf = (name: string) => db.prepare(`SELECT * FROM ${name} ORDER BY application_id`).raw().all();
    const rowids = db.prepare<[], number>(`SELECT rowid FROM ${table} ORDER BY rowid`).pluck().all();
    expect(rowsOf(table)).toEqual(rowsOf(`${CASE_VIEW_TABLE}_a`));
    expect(rowids).toEqual([2, 4, 5, 6, 7, 8, 9, 11]);
  });

  it("loads on a rebuild's fold thread without the application's Nest wiring (it needs only the upcasting)", () => {
    const module = join(__dirname, 'case-view.row-fold.ts');
    const script = `require(${JSON.stringify(module)}); process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('@nestjs'))))`;
    const loaded = execFileSync(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(loaded).toBe('false');
  });
});
