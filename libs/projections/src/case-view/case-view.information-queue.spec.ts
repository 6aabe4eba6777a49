import { openReadModelDatabase } from '../runner/read-model-database';
import { caseViewProjection, CASE_VIEW_TABLE } from './case-view.projection';

/** The table as generation 1 was created before H2, without `information_queue`. */
const BEFORE_H2 = `CREATE TABLE case_view_v1_g1 (
  application_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL,
  status TEXT, intake_year INTEGER, routing TEXT, received_at TEXT, principal_application_id TEXT)`;

describe('H2 the case view work-queue column on a generation created before it', () => {
  it('adds information_queue to the existing table, keeps its rows, and the readers’ view shows it', () => {
    const db = openReadModelDatabase(':memory:');
    db.exec(BEFORE_H2);
    db.exec(
      `INSERT INTO case_view_v1_g1 VALUES ('a-1', 0, 1, '{}', 'received', 2024, 'centralized-network', 'x', NULL)`,
    );
    caseViewProjection.setup(db);
    caseViewProjection.setup(db);
    const rows = db.prepare(`SELECT application_id, information_queue FROM ${CASE_VIEW_TABLE}`).all();
    expect(rows).toEqual([{ application_id: 'a-1', information_queue: null }]);
    db.close();
  });
});
