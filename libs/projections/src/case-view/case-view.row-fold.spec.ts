import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { CASE_VIEW_TABLE, caseViewProjection } from './case-view.projection';
import { caseViewRowFold } from './case-view.row-fold';

const CASES = 8;
const BATCH = 3;

/** Cases of 2 to 6 events, one event per append in turn. */
async function interleavedLog(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const streams = Array.from({ length: CASES }, (_, index) => {
    const id = randomUUID();
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

    const fold = caseViewRowFold(db, `${CASE_VIEW_TABLE}_b`, 1);
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
});
