import type Database from 'better-sqlite3';
import {
  APPLICATION_STREAM_CATEGORY,
  applicationDecider,
  type ApplicationEvent,
  type ApplicationState,
} from '@app/domain';
// The module itself, not @app/application's index, which brings the application's Nest wiring: a rebuild's
// fold threads load this file (~700 modules fewer, ~160 ms less CPU a thread).
import { asStoredShape } from '../../../application/src/pipeline/stream-loader';
import type { RecordedEvent } from '@app/event-store';
import { asBatchFailure } from '../runner/batch-commit';
import type { RowFold, RowFoldPart } from '../runner/projection';
import { caseViewRow, caseViewRowidUpsertSql, type Folded } from './case-view.batches';
import { hasCaseViewKey } from './case-view.key';

const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;
/** States a rebuild keeps beyond the batches in flight, as their rows' JSON: about 4.5 KB each (9 MB). */
const HELD_STATES = 2_000;
/** A table of at most as many rows when the fold starts has their ids read at once (a batch's rows, written before it). */
const KNOWN_IDS = 10_000;
/** Where a row's state (its JSON) is among the parameters of the upsert (caseViewRow). */
const STATE_COLUMN = 3;

/**
 * A state whose row was taken, kept as that row's JSON until it is committed: a flat string costs
 * the young generation's collections one copy, where the parsed state was an object graph traced
 * and promoted at every one of them, and a held state is seldom read again.
 */
type Held = Readonly<{ revision: number; json: string; taken: number }>;

/**
 * A table without its key (a bulk load dropped it: case-view.key.ts): the rowid of every row it
 * holds or the fold took, and the next rowid the fold gives. Folds that run side by side (a part
 * each) give rowids of their own: past the largest the table held when they read it, those whose
 * remainder by `step` is their part's index, so that they never give the same one, whenever each
 * read the table (one part may read it after the other's rows of a range were written).
 */
type ByRowid = { rowids: Map<string, number>; next: number; step: number };

/**
 * The case view's fold for a rebuild (generations/rebuilding.ts): the same fold and the same rows
 * as the catch-up's batches (case-view.batches.ts), but the states of the rows it wrote stay in
 * memory across batches, so that a batch can be folded while the previous one is still being
 * written. A state leaves memory only once its row is committed (then it is read from the table
 * again when needed), so the table is read only for rows it holds as committed. While a bulk load
 * has dropped the table's key, the fold finds its rows by rowid: it reads every id in the table
 * at its first load after it starts or is reset, on its thread (few but after a failed write: the
 * load has just begun, or it follows a batch on the event loop, which builds the key again first:
 * generation-handler.ts).
 */
export function caseViewRowFold(
  db: Database.Database,
  table: string,
  part?: RowFoldPart,
  capacity = HELD_STATES,
): RowFold {
  const stored = db.prepare<[string], { revision: number; state: string }>(
    `SELECT revision, state FROM ${table} WHERE application_id = ?`,
  );
  const storedAt = db.prepare<[number], { revision: number; state: string }>(
    `SELECT revision, state FROM ${table} WHERE rowid = ?`,
  );
  const someIds = db.prepare<[], string>(`SELECT application_id FROM ${table} LIMIT ${KNOWN_IDS + 1}`).pluck();
  const allIds = db.prepare<[], [number, string]>(`SELECT rowid, application_id FROM ${table}`).raw();
  const held = new Map<string, Held>();
  /**
   * Whether the fold knows every id in the table, read at its first load after it started (or
   * last reset), when the table held at most KNOWN_IDS rows: then a row it never wrote nor found
   * there is not in the table, and an application's first event costs no read. `written` holds
   * hashes of those ids: a collision only costs a read.
   */
  let knowsAll: boolean | null = null;
  const written = new Set<number>();
  let touched = new Map<string, Folded>();
  let taken = 0;
  let committedThrough = 0;

  const addressed = (): ByRowid | null => {
    if (hasCaseViewKey(db, table)) return null;
    const rowids = new Map<string, number>();
    let last = 0;
    for (const [rowid, applicationId] of allIds.all()) {
      rowids.set(applicationId, rowid);
      last = Math.max(last, rowid);
    }
    const step = part?.of ?? 1;
    return { rowids, next: firstOfPart(last + 1, part?.index ?? 0, step), step };
  };
  /**
   * Read at the fold's first need after it started or was reset (undefined until then), so not
   * when the handler opens the generation on the event loop.
   */
  let surveyed: ByRowid | null | undefined;
  const byRowidOrKey = (): ByRowid | null => (surveyed === undefined ? (surveyed = addressed()) : surveyed);

  const storedRow = (applicationId: string) => {
    const byRowid = byRowidOrKey();
    if (byRowid) {
      const rowid = byRowid.rowids.get(applicationId);
      return rowid === undefined ? undefined : storedAt.get(rowid);
    }
    knowsAll ??= knownIds();
    return knowsAll && !written.has(hashOf(applicationId)) ? undefined : stored.get(applicationId);
  };

  const load = (applicationId: string): Pick<Folded, 'revision' | 'state'> => {
    const moved = touched.get(applicationId);
    if (moved) return moved;
    const kept = held.get(applicationId);
    if (kept) return { revision: kept.revision, state: JSON.parse(kept.json) as ApplicationState };
    const row = storedRow(applicationId);
    if (!row) return { revision: -1, state: applicationDecider.initialState() };
    return { revision: row.revision, state: JSON.parse(row.state) as ApplicationState };
  };

  /** The row's rowid while the table has no key (a new row's given here), else null: SQLite finds the row by its key. */
  const rowidOf = (applicationId: string): number | null => {
    const byRowid = byRowidOrKey();
    if (!byRowid) return null;
    let rowid = byRowid.rowids.get(applicationId);
    if (rowid === undefined) {
      rowid = byRowid.next;
      byRowid.next += byRowid.step;
      byRowid.rowids.set(applicationId, rowid);
    }
    return rowid;
  };

  const knownIds = (): boolean => {
    const ids = someIds.all();
    if (ids.length > KNOWN_IDS) return false;
    for (const id of ids) written.add(hashOf(id));
    return true;
  };

  /** Lets the oldest committed states go while more than `capacity` are held. */
  const evict = () => {
    for (const [applicationId, { taken: batch }] of held) {
      if (held.size <= capacity || batch > committedThrough) return;
      held.delete(applicationId);
    }
  };

  return {
    sql: caseViewRowidUpsertSql(table),
    apply(event: RecordedEvent) {
      if (!event.streamName.startsWith(STREAM_PREFIX)) return;
      const applicationId = event.streamName.slice(STREAM_PREFIX.length);
      const folded = load(applicationId);
      if (event.revision <= folded.revision) return;
      const state = applicationDecider.evolve(folded.state, asStoredShape<ApplicationEvent>(event));
      const receiptRecordedAt =
        event.type === 'ApplicationReceived' ? event.recordedAt : touched.get(applicationId)?.receiptRecordedAt;
      touched.set(applicationId, { revision: event.revision, last: event, state, receiptRecordedAt });
    },
    takeRows() {
      const rows = [...touched].map(([applicationId, folded]) => {
        try {
          return [...caseViewRow(applicationId, folded), rowidOf(applicationId)];
        } catch (error) {
          throw asBatchFailure(error, folded.last);
        }
      });
      taken++;
      let index = 0;
      for (const [applicationId, { revision }] of touched) {
        if (knowsAll) written.add(hashOf(applicationId));
        held.delete(applicationId);
        held.set(applicationId, { revision, json: rows[index++][STATE_COLUMN] as string, taken });
      }
      touched = new Map();
      evict();
      return rows;
    },
    dropBatch() {
      touched = new Map();
    },
    committed(batches) {
      committedThrough = Math.max(committedThrough, batches);
      evict();
    },
    get taken() {
      return taken;
    },
    reset() {
      touched = new Map();
      held.clear();
      written.clear();
      knowsAll = null;
      surveyed = undefined;
    },
  };
}

/** The first rowid from `from` on whose remainder by `step` is `index`. */
function firstOfPart(from: number, index: number, step: number): number {
  return from + ((index - (from % step) + step) % step);
}

/** FNV-1a over the id's UTF-16 code units, as a 32-bit integer. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash | 0;
}
