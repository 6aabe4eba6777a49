import type Database from 'better-sqlite3';
import type { ApplicationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { PRINCIPAL_ID, familySubmission, principalSnapshot, received, receivedAs } from '@app/testing';
import { openReadModelDatabase } from '../runner/read-model-database';
import { caseViewProjection } from './case-view.projection';

let position = 0;
const recorded = (application: string, event: ApplicationEvent): RecordedEvent => ({
  streamName: `application-${application}`,
  revision: 0,
  position: ++position,
  eventId: `${application}-0`,
  type: event.type,
  data: event.data,
  metadata: {},
  recordedAt: '2024-12-10T15:00:00.000Z',
});

/** The entries an index holds, counted on its pages (dbstat), not through a query that could use another index. */
const entriesOf = (db: Database.Database, index: string): number =>
  db
    .prepare<[string], number>("SELECT sum(ncell) FROM dbstat WHERE name = ? AND pagetype = 'leaf'")
    .pluck()
    .get(index) ?? 0;

const planOf = (db: Database.Database, sql: string, ...parameters: unknown[]): string =>
  db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...parameters)
    .map((row) => row.detail)
    .join('; ');

describe('the case view’s family and information indexes', () => {
  let db: Database.Database;
  beforeEach(() => {
    position = 0;
    db = openReadModelDatabase(':memory:');
    caseViewProjection.setup(db);
    for (const principal of ['p-1', 'p-2', 'p-3']) caseViewProjection.apply(db, recorded(principal, received()));
    caseViewProjection.apply(
      db,
      recorded('member-1', receivedAs(familySubmission(), { principal: principalSnapshot() })),
    );
  });
  afterEach(() => db.close());

  it('hold only the rows they are searched for: a family member’s, none of the principals’', () => {
    expect(db.prepare('SELECT count(*) FROM case_view_v1').pluck().get()).toBe(4);
    expect(entriesOf(db, 'case_view_v1_g1_family')).toBe(1);
    expect(entriesOf(db, 'case_view_v1_g1_information')).toBe(0);
  });

  it('still answer the family’s and the information queue’s queries', () => {
    const members = `SELECT application_id FROM case_view_v1 WHERE principal_application_id = ? AND status IS NOT NULL ORDER BY application_id`;
    expect(db.prepare(members).pluck().all(PRINCIPAL_ID)).toEqual(['member-1']);
    expect(planOf(db, members, PRINCIPAL_ID)).toContain('USING INDEX case_view_v1_g1_family');
    const queue = `SELECT application_id FROM case_view_v1 WHERE status IS NOT NULL AND information_queue = ? AND application_id > ? ORDER BY application_id LIMIT 10`;
    expect(planOf(db, queue, 'awaiting-information', '')).toContain('USING INDEX case_view_v1_g1_information');
  });
});
