import type Database from 'better-sqlite3';
import type { ApplicationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { familySubmission, intakeNumberAssigned, principalSnapshot, received, receivedAs } from '@app/testing';
import { openReadModelDatabase } from '../runner/read-model-database';
import { caseViewProjection, CASE_VIEW_TABLE } from './case-view.projection';
import { UnnumberedReceiptQueries } from './unnumbered-receipts.queries';

let position = 0;
const recorded = (
  application: string,
  revision: number,
  event: ApplicationEvent,
  recordedAt: string,
): RecordedEvent => ({
  streamName: `application-${application}`,
  revision,
  position: ++position,
  eventId: `${application}-${revision}`,
  type: event.type,
  data: event.data,
  metadata: {},
  recordedAt,
});

const NOW = '2024-12-10T16:00:00.000Z';

describe('C3 the case view knows the receipts still awaiting their intake number', () => {
  let db: Database.Database;
  let unnumbered: UnnumberedReceiptQueries;
  beforeEach(() => {
    db = openReadModelDatabase(':memory:');
    caseViewProjection.setup(db);
    unnumbered = new UnnumberedReceiptQueries(db);
  });
  afterEach(() => db.close());
  const apply = (...events: RecordedEvent[]) => events.forEach((event) => caseViewProjection.apply(db, event));

  it('counts a principal from the time the log recorded its receipt until its number arrives', () => {
    apply(recorded('a', 0, received(), '2024-12-10T15:00:00.000Z'));
    apply(recorded('b', 0, received(), '2024-12-10T15:59:00.000Z'));

    expect(unnumbered.summary('2024-12-10T15:30:00.000Z')).toEqual({
      count: 2,
      overdue: 1,
      oldestSince: '2024-12-10T15:00:00.000Z',
    });

    apply(recorded('a', 1, intakeNumberAssigned({ number: 1 }), NOW));
    expect(unnumbered.summary(NOW)).toEqual({ count: 1, overdue: 1, oldestSince: '2024-12-10T15:59:00.000Z' });
  });

  it('C2 leaves out a family member, which takes no number', () => {
    apply(
      recorded(
        'member',
        0,
        receivedAs(familySubmission(), { principal: principalSnapshot() }),
        '2024-12-10T15:00:00.000Z',
      ),
    );

    expect(unnumbered.summary(NOW)).toEqual({ count: 0, overdue: 0, oldestSince: null });
  });

  it('fills the column in on a generation created before it, from each unnumbered row’s receipt time', () => {
    apply(recorded('a', 0, received(), '2024-12-10T15:00:00.000Z'));
    apply(recorded('b', 0, received(), NOW), recorded('b', 1, intakeNumberAssigned(), NOW));
    db.exec(`DROP INDEX case_view_v1_g1_unnumbered`);
    db.exec(`ALTER TABLE case_view_v1_g1 DROP COLUMN unnumbered_since`);
    const receivedAt = db
      .prepare(`SELECT received_at FROM ${CASE_VIEW_TABLE} WHERE application_id = 'a'`)
      .pluck()
      .get();

    caseViewProjection.setup(db);

    expect(new UnnumberedReceiptQueries(db).summary(NOW)).toEqual({ count: 1, overdue: 1, oldestSince: receivedAt });
  });

  it('reads through the partial index, not the whole table', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM ${CASE_VIEW_TABLE} WHERE unnumbered_since IS NOT NULL`)
      .all() as { detail: string }[];

    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING (COVERING )?INDEX case_view_v1_g1_unnumbered/);
  });
});
