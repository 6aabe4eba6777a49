import type Database from 'better-sqlite3';
import type { ApplicationView } from '@app/domain';
import { CASE_VIEW_TABLE } from './case-view.projection';

export type StoredView = Readonly<{ view: ApplicationView; revision: number; position: number }>;

export type CaseListFilter = Readonly<{
  status?: string;
  intakeYear?: number;
  routing?: string;
  /** Exclusive: items whose id sorts after this one (the previous page's `nextCursor`). */
  after?: string;
  limit: number;
}>;

export type CaseListPage = Readonly<{ items: ApplicationView[]; nextCursor: string | null }>;

/** Reads of the case-view read model (one application, and the filtered work-queue list). */
export class CaseViewQueries {
  constructor(private readonly db: Database.Database) {}

  find(applicationId: string): StoredView | null {
    const row = this.db
      .prepare(`SELECT view, revision, position FROM ${CASE_VIEW_TABLE} WHERE application_id = ? AND view IS NOT NULL`)
      .get(applicationId) as { view: string; revision: number; position: number } | undefined;
    return row ? { view: JSON.parse(row.view), revision: row.revision, position: row.position } : null;
  }

  list(filter: CaseListFilter): CaseListPage {
    const clauses = ['view IS NOT NULL'];
    const params: Record<string, string | number> = { limit: filter.limit + 1 };
    if (filter.status !== undefined) (clauses.push('status = @status'), (params.status = filter.status));
    if (filter.intakeYear !== undefined) (clauses.push('intake_year = @year'), (params.year = filter.intakeYear));
    if (filter.routing !== undefined) (clauses.push('routing = @routing'), (params.routing = filter.routing));
    if (filter.after !== undefined) (clauses.push('application_id > @after'), (params.after = filter.after));
    const rows = this.db
      .prepare(`SELECT application_id, view FROM ${CASE_VIEW_TABLE} WHERE ${clauses.join(' AND ')} ORDER BY application_id LIMIT @limit`)
      .all(params) as { application_id: string; view: string }[];
    const page = rows.slice(0, filter.limit);
    const nextCursor = rows.length > filter.limit ? page[page.length - 1].application_id : null;
    return { items: page.map((row) => JSON.parse(row.view)), nextCursor };
  }
}
