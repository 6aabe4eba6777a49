import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { CASE_VIEW_TABLE, caseViewProjection } from './case-view.projection';
import { caseViewRowFold } from './case-view.row-fold';

const CASES = 6;
const BATCH = 4;
const INDEXED_COLUMNS = [
  'status',
  'intake_year',
  'routing',
  'principal_application_id',
  'information_queue',
  'unnumbered_since',
];

/** Whole lives of six events, one event per append in turn, in batches of four: most rows move in several batches. */
async function batches(): Promise<RecordedEvent[][]> {
  const store = new MemoryEventStore();
  const streams = Array.from({ length: CASES }, (_, index) => {
    const id = randomUUID();
    return { name: applicationStreamName(id), events: caseStream(id, index) };
  });
  for (let step = 0; step < 6; step++)
    for (const { name, events } of streams)
      await store.appendToStream(name, [events[step]], { expectedRevision: 'any' });
  const events = await store.readAll({ after: 0, limit: 1000 });
  return Array.from({ length: Math.ceil(events.length / BATCH) }, (_, index) =>
    events.slice(index * BATCH, (index + 1) * BATCH),
  );
}

/** Records every indexed column an UPDATE of `table` sets (SQLite's `UPDATE OF`: set, whether its value changes or not). */
function recordSetColumns(db: Database.Database, table: string): () => Record<string, number> {
  db.exec('CREATE TABLE set_columns (name TEXT NOT NULL)');
  for (const column of INDEXED_COLUMNS)
    db.exec(`CREATE TRIGGER set_${column} AFTER UPDATE OF ${column} ON ${table}
      BEGIN INSERT INTO set_columns VALUES ('${column}'); END`);
  return () =>
    Object.fromEntries(
      db
        .prepare<[], [string, number]>('SELECT name, count(*) FROM set_columns GROUP BY name ORDER BY name')
        .raw()
        .all(),
    );
}

describe("the case view's catch-up updates a stored row", () => {
  it('to what the upsert of every column writes (a rebuild writes that way)', async () => {
    const db = new Database(':memory:');
    const caughtUp = caseViewProjection.openGeneration(db, (base) => `${base}_a`);
    caseViewProjection.openGeneration(db, (base) => `${base}_b`);
    const fold = caseViewRowFold(db, `${CASE_VIEW_TABLE}_b`);
    const upsert = db.prepare(fold.sql);
    for (const batch of await batches()) {
      const applier = caughtUp();
      for (const event of batch) {
        applier.apply(event);
        fold.apply(event);
      }
      applier.finish();
      for (const row of fold.takeRows()) upsert.run(row);
      fold.committed(fold.taken);
    }

    const rowsOf = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY application_id`).raw().all();
    expect(rowsOf(`${CASE_VIEW_TABLE}_a`)).toHaveLength(CASES);
    expect(rowsOf(`${CASE_VIEW_TABLE}_a`)).toEqual(rowsOf(`${CASE_VIEW_TABLE}_b`));
  });

  it('setting an indexed column only when its events change its value, so SQLite leaves the other indexes alone', async () => {
    const db = new Database(':memory:');
    const table = `${CASE_VIEW_TABLE}_a`;
    const caughtUp = caseViewProjection.openGeneration(db, (base) => `${base}_a`);
    const setColumns = recordSetColumns(db, table);
    const rows = () =>
      new Map(
        db
          .prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`)
          .all()
          .map((row) => [row.application_id, row]),
      );
    const changed: Record<string, number> = {};
    for (const batch of await batches()) {
      const before = rows();
      const applier = caughtUp();
      for (const event of batch) applier.apply(event);
      applier.finish();
      for (const [id, row] of rows()) {
        const stored = before.get(id);
        if (!stored) continue;
        for (const column of INDEXED_COLUMNS)
          if (stored[column] !== row[column]) changed[column] = (changed[column] ?? 0) + 1;
      }
    }

    expect(setColumns()).toEqual(changed);
    expect(changed).toEqual({ status: expect.any(Number), intake_year: CASES, unnumbered_since: CASES });
    expect(changed.status).toBeGreaterThanOrEqual(CASES);
  });
});
