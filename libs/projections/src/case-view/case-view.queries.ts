import type Database from 'better-sqlite3';
import {
  INFORMATION_QUEUES,
  familyPrincipalIdOf,
  toApplicationView,
  type ApplicationState,
  type ApplicationView,
  type SubmittedApplication,
} from '@app/domain';
import { generationTable } from '../generations/projection-generations';
import { CaseFamilyQueries } from './case-family.queries';
import { caseViewStateCache } from './case-view.batches';
import { CASE_VIEW_TABLE, caseViewProjection } from './case-view.projection';
import type { StateCache } from './state-cache';
import { UnnumberedReceiptQueries } from './unnumbered-receipts.queries';

export type StoredView = Readonly<{ view: ApplicationView; revision: number; position: number }>;

export type CaseListFilter = Readonly<{
  /** An application status, or (H2) an information work queue: a received case waiting on a request. */
  status?: string;
  intakeYear?: number;
  routing?: string;
  /** Exclusive: items whose id sorts after this one (the previous page's `nextCursor`). */
  after?: string;
  limit: number;
}>;

export type CaseListPage = Readonly<{ items: ApplicationView[]; nextCursor: string | null }>;

type StateRow = Readonly<{ state: string; revision: number }>;
type ListRow = StateRow & Readonly<{ application_id: string }>;
/** A row's revision and position, and the active generation (whose table names the row's cached state). */
type RowHead = Readonly<{ revision: number; position: number; generation: number | null }>;

const isInformationQueue = (status: string | undefined): status is string =>
  (INFORMATION_QUEUES as readonly (string | undefined)[]).includes(status);

/** Reads of the case-view read model (one application, and the filtered work-queue list). */
export class CaseViewQueries {
  /** Prepared on first use: the view it reads is created when the projections start. */
  private findStatement?: Database.Statement<[string], StateRow & { position: number }>;
  private headStatement?: Database.Statement<[string, string], RowHead>;
  /** The work queue's statements, by their SQL (one for each set of filters). */
  private readonly listStatements = new Map<string, Database.Statement<[Record<string, string | number>], ListRow>>();

  /** M7, M11: the family index over the same rows. */
  readonly family: CaseFamilyQueries;
  /** C3: the receipts still awaiting their intake number (`/health`, `/metrics`). */
  readonly unnumbered: UnnumberedReceiptQueries;

  constructor(private readonly db: Database.Database) {
    this.family = new CaseFamilyQueries(db);
    this.unnumbered = new UnnumberedReceiptQueries(db);
  }

  /**
   * The states the case view's batches folded last, parsed (keyed by generation table and id); not
   * taken in the constructor, since the first call sizes the cache (CASE_VIEW_CACHE_ENTRIES).
   */
  private get states(): StateCache<ApplicationState> {
    return caseViewStateCache(this.db);
  }

  /** The view of a state with its family's members (API v1.1 `family`); null before receipt. */
  viewOf(state: ApplicationState, revision: number): ApplicationView | null {
    if (state.status === 'new') return null;
    return toApplicationView(state, revision, this.family.membersOf(familyPrincipalIdOf(state)));
  }

  /**
   * The row's view. A row the case view's batches just wrote (every command's answer reads one) has
   * its state parsed in their cache at the row's revision: then only the revision is read, and the
   * stored text is neither read nor parsed. Otherwise (another process wrote it, or it left the
   * cache) the state is read and parsed with its revision, in one statement, as before.
   */
  find(applicationId: string): StoredView | null {
    this.headStatement ??= this.db.prepare(
      `SELECT view.revision, view.position, generations.active AS generation
       FROM ${CASE_VIEW_TABLE} AS view LEFT JOIN projection_generations AS generations ON generations.name = ?
       WHERE view.application_id = ? AND view.status IS NOT NULL`,
    );
    const head = this.headStatement.get(caseViewProjection.name, applicationId);
    if (!head) return null;
    const { revision, position, generation } = head;
    const state =
      generation === null
        ? undefined
        : this.states.peek(`${generationTable(CASE_VIEW_TABLE, generation)}:${applicationId}`, revision);
    if (state) return { view: this.viewOf(state, revision) as ApplicationView, revision, position };
    this.findStatement ??= this.db.prepare(
      `SELECT state, revision, position FROM ${CASE_VIEW_TABLE} WHERE application_id = ? AND status IS NOT NULL`,
    );
    const row = this.findStatement.get(applicationId);
    return row ? { view: this.storedView(row), revision: row.revision, position: row.position } : null;
  }

  list(filter: CaseListFilter): CaseListPage {
    const clauses = ['status IS NOT NULL'];
    const params: Record<string, string | number> = { limit: filter.limit + 1 };
    const where = (clause: string, name: string, value: string | number | undefined) => {
      if (value === undefined) return;
      clauses.push(clause);
      params[name] = value;
    };
    if (isInformationQueue(filter.status)) where('information_queue = @queue', 'queue', filter.status);
    else where('status = @status', 'status', filter.status);
    where('intake_year = @year', 'year', filter.intakeYear);
    where('routing = @routing', 'routing', filter.routing);
    where('application_id > @after', 'after', filter.after);
    const rows = this.listStatement(clauses).all(params);
    const page = rows.slice(0, filter.limit);
    const nextCursor = rows.length > filter.limit ? page[page.length - 1].application_id : null;
    // `status` is set on every row past receipt, so each state has one.
    const states = page.map((row) => JSON.parse(row.state) as SubmittedApplication);
    const principals = states.map(familyPrincipalIdOf);
    const families = this.family.membersOfEach(principals);
    const items = states.map(
      (state, index) =>
        toApplicationView(state, page[index].revision, families.get(principals[index])) as ApplicationView,
    );
    return { items, nextCursor };
  }

  /** The list's statement for its filter's clauses, prepared once for each set of them. */
  private listStatement(clauses: readonly string[]): Database.Statement<[Record<string, string | number>], ListRow> {
    const sql = `SELECT application_id, state, revision FROM ${CASE_VIEW_TABLE} WHERE ${clauses.join(' AND ')} ORDER BY application_id LIMIT @limit`;
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** The row's view: `status` is set on every row past receipt, so the state has one. */
  private storedView(row: StateRow): ApplicationView {
    return this.viewOf(JSON.parse(row.state) as ApplicationState, row.revision) as ApplicationView;
  }
}
