import type Database from 'better-sqlite3';
import {
  APPLICATION_STREAM_CATEGORY,
  applicationDecider,
  toApplicationView,
  type ApplicationEvent,
  type ApplicationState,
} from '@app/domain';
import { asStoredShape } from '@app/application';
import type { RecordedEvent } from '@app/event-store';
import type { ApplyEvent } from '../runner/projection';
import { versionedProjection } from '../generations/versioned-projection';
import { StateCache } from './state-cache';

/** What readers query: a view over the active generation's table. */
export const CASE_VIEW_TABLE = 'case_view_v1';
const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;


function createTable(db: Database.Database, table: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    application_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    view TEXT,
    status TEXT,
    intake_year INTEGER,
    routing TEXT,
    received_at TEXT,
    principal_application_id TEXT)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}_queue ON ${table} (status, intake_year, routing, application_id)`);
}

function applier(db: Database.Database, table: string): ApplyEvent {
  const storedRevision = db.prepare<[string], number>(`SELECT revision FROM ${table} WHERE application_id = ?`).pluck();
  const storedState = db.prepare<[string], string>(`SELECT state FROM ${table} WHERE application_id = ?`).pluck();
  const cache = new StateCache<ApplicationState>();
  const upsert = db.prepare(
    `INSERT INTO ${table} VALUES (@id, @revision, @position, @state, @view, @status, @year, @routing, @receivedAt, @principal)
     ON CONFLICT(application_id) DO UPDATE SET revision = excluded.revision, position = excluded.position,
       state = excluded.state, view = excluded.view, status = excluded.status, intake_year = excluded.intake_year,
       routing = excluded.routing, received_at = excluded.received_at, principal_application_id = excluded.principal_application_id`,
  );
  return (event: RecordedEvent) => {
    if (!event.streamName.startsWith(STREAM_PREFIX)) return;
    const applicationId = event.streamName.slice(STREAM_PREFIX.length);
    const revision = storedRevision.get(applicationId);
    if (revision !== undefined && event.revision <= revision) return;
    const before: ApplicationState =
      revision === undefined
        ? applicationDecider.initialState()
        : (cache.get(applicationId, revision) ?? JSON.parse(storedState.get(applicationId) as string));
    const state = applicationDecider.evolve(before, asStoredShape<ApplicationEvent>(event));
    cache.set(applicationId, event.revision, state);
    const view = toApplicationView(state, event.revision);
    upsert.run({
      id: applicationId,
      revision: event.revision,
      position: event.position,
      state: JSON.stringify(state),
      view: view ? JSON.stringify(view) : null,
      status: view?.status ?? null,
      year: view?.intake?.year ?? null,
      routing: view?.routing ?? null,
      receivedAt: view?.receivedAt ?? null,
      principal: view?.principalApplicationId ?? null,
    });
  };
}

/**
 * One row per application: the decider's state folded from its stream (so the view is the
 * same function of the events as a point-in-time replay) and the `ApplicationView` it shows,
 * with the columns the work queues filter on.
 */
export const caseViewProjection = versionedProjection({
  name: 'case-view',
  tables: [CASE_VIEW_TABLE],
  openGeneration(db, table) {
    createTable(db, table(CASE_VIEW_TABLE));
    return applier(db, table(CASE_VIEW_TABLE));
  },
});
