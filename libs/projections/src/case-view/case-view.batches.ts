import type Database from 'better-sqlite3';
import {
  APPLICATION_STREAM_CATEGORY,
  applicationDecider,
  toApplicationListing,
  type ApplicationEvent,
  type ApplicationState,
} from '@app/domain';
// The module itself, not @app/application's index, which brings the application's Nest wiring: a rebuild's
// fold threads load this file (~700 modules fewer, ~160 ms less CPU a thread).
import { asStoredShape } from '../../../application/src/pipeline/stream-loader';
import type { RecordedEvent } from '@app/event-store';
import { asBatchFailure } from '../runner/batch-commit';
import type { OpenBatch } from '../runner/projection';
import { StateCache } from './state-cache';
import { awaitsIntakeNumber } from './unnumbered-receipts';
import { caseViewRowUpdate, indexedValuesOf } from './case-view.row-update';
import { oneByteJson } from './one-byte-json';

const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/** An application's row as stored: `revision` -1 for one the table does not hold yet. */
type Stored = { revision: number; state: ApplicationState };
/**
 * A row the batch moved, and the last event that moved it (its position is the row's); and when
 * the log recorded its receipt, if the batch holds it.
 */
export type Folded = Stored & { last: RecordedEvent; receiptRecordedAt?: string };
/** A row the batch moved, and its state as the table holds it (null: the table does not hold the row). */
type Touched = Folded & { before: ApplicationState | null };

const STATE_CACHES = new WeakMap<Database.Database, StateCache<ApplicationState>>();

/**
 * The case view's parsed states for one read-model database, shared by its generations (keys
 * name the table). Sized by the first call: the hosting module gives `CASE_VIEW_CACHE_ENTRIES`
 * right after it opens the database; 1,000 otherwise.
 */
export function caseViewStateCache(db: Database.Database, capacity?: number): StateCache<ApplicationState> {
  let cache = STATE_CACHES.get(db);
  if (!cache) STATE_CACHES.set(db, (cache = new StateCache<ApplicationState>(capacity)));
  return cache;
}

const UPSERT_COLUMNS =
  'application_id, revision, position, state, status, intake_year, routing, received_at, principal_application_id, information_queue, unnumbered_since';

/** What an upsert sets in a row the table holds: `unnumbered_since` keeps the first receipt time it stored. */
const upsertUpdate = (table: string): string =>
  `DO UPDATE SET revision = excluded.revision, position = excluded.position,
      state = excluded.state, status = excluded.status, intake_year = excluded.intake_year, routing = excluded.routing,
      received_at = excluded.received_at, principal_application_id = excluded.principal_application_id,
      information_queue = excluded.information_queue,
      unnumbered_since = CASE WHEN excluded.unnumbered_since IS NULL THEN NULL
        ELSE coalesce(${table}.unnumbered_since, excluded.unnumbered_since) END`;

/** The upsert of one row by the catch-up (caseViewRow's parameters). */
export const caseViewUpsertSql = (table: string): string =>
  `INSERT INTO ${table} (${UPSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(application_id) ${upsertUpdate(table)}`;

/**
 * The upsert of one row by a rebuild's fold: caseViewRow's parameters and the row's rowid, null
 * for SQLite to choose one. A row the table holds is found by its key (case-view.key.ts) or, while
 * a bulk load has dropped that index, by the rowid the fold gave it (no conflict target: either).
 */
export const caseViewRowidUpsertSql = (table: string): string =>
  `INSERT INTO ${table} (${UPSERT_COLUMNS}, rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ${upsertUpdate(table)}`;

/** The parameters of a row's upsert: the state as JSON (one byte a character), and the columns the work queues filter on. */
export function caseViewRow(applicationId: string, { revision, last, state, receiptRecordedAt }: Folded): unknown[] {
  const listing = toApplicationListing(state);
  return [
    applicationId,
    revision,
    last.position,
    oneByteJson(JSON.stringify(state)),
    listing?.status ?? null,
    listing?.intakeYear ?? null,
    listing?.routing ?? null,
    listing?.receivedAt ?? null,
    listing?.principalApplicationId ?? null,
    listing?.informationQueue ?? null,
    awaitsIntakeNumber(state) ? (receiptRecordedAt ?? last.recordedAt) : null,
  ];
}

/**
 * Folds a batch's events into the application states in memory and writes each touched row once,
 * in `finish`: an application that moves several times in a batch costs one row write, not one
 * per event. Events at or below a row's revision are skipped (idempotent on replay). A row the
 * table holds is updated without touching the indexes whose columns its events left as they were
 * (case-view.row-update.ts); a new one is inserted.
 */
export function caseViewBatches(db: Database.Database, table: string): OpenBatch {
  const storedRevision = db.prepare<[string], number>(`SELECT revision FROM ${table} WHERE application_id = ?`).pluck();
  const storedState = db.prepare<[string], string>(`SELECT state FROM ${table} WHERE application_id = ?`).pluck();
  const upsert = db.prepare(caseViewUpsertSql(table));
  const update = caseViewRowUpdate(db, table);
  const cache = caseViewStateCache(db);

  const load = (applicationId: string): Stored => {
    const revision = storedRevision.get(applicationId);
    if (revision === undefined) return { revision: -1, state: applicationDecider.initialState() };
    const state =
      cache.get(`${table}:${applicationId}`, revision) ??
      (JSON.parse(storedState.get(applicationId) as string) as ApplicationState);
    return { revision, state };
  };

  const write = (applicationId: string, folded: Touched): void => {
    const row = caseViewRow(applicationId, folded);
    if (folded.before === null || !update(row, indexedValuesOf(folded.before))) upsert.run(row);
    cache.set(`${table}:${applicationId}`, folded.revision, folded.state);
  };

  return () => {
    const touched = new Map<string, Touched>();
    return {
      apply(event: RecordedEvent) {
        if (!event.streamName.startsWith(STREAM_PREFIX)) return;
        const applicationId = event.streamName.slice(STREAM_PREFIX.length);
        const moved = touched.get(applicationId);
        const folded = moved ?? load(applicationId);
        if (event.revision <= folded.revision) return;
        const state = applicationDecider.evolve(folded.state, asStoredShape<ApplicationEvent>(event));
        const receiptRecordedAt = event.type === 'ApplicationReceived' ? event.recordedAt : moved?.receiptRecordedAt;
        const before = moved ? moved.before : folded.revision === -1 ? null : folded.state;
        touched.set(applicationId, { revision: event.revision, last: event, state, receiptRecordedAt, before });
      },
      finish() {
        for (const [applicationId, folded] of touched) {
          try {
            write(applicationId, folded);
          } catch (error) {
            throw asBatchFailure(error, folded.last);
          }
        }
      },
    };
  };
}
