import type Database from 'better-sqlite3';
import { createIndex } from '../generations/generation-indexes';

/**
 * The case view's key, one row per `application_id`: the primary key of a generation created by an
 * earlier version (533152c and before), a unique index of its own (`<table>_id`) in a newer one. A
 * rebuild's bulk load drops that index while its fold threads find the rows they wrote by rowid
 * (case-view.row-fold.ts), and builds it again with the other indexes once the generation has caught
 * up: the ids are random UUIDs, so each batch's rows rewrote pages all over the index (about half
 * of a rebuild's writes; docs/performance.md, "After the 2026-12-07 21:10 probes").
 */
export const caseViewKeyIndex = (table: string): string => `${table}_id`;

/** Whether the table has a unique index on `application_id` alone: its primary key or `<table>_id`. */
export function hasCaseViewKey(db: Database.Database, table: string): boolean {
  return (
    db
      .prepare<[string], number>(
        `SELECT count(*) FROM pragma_index_list(?) AS list
         WHERE list."unique" = 1 AND list.partial = 0
           AND (SELECT group_concat(name) FROM pragma_index_info(list.name)) = 'application_id'`,
      )
      .pluck()
      .get(table) !== 0
  );
}

/**
 * Creates `<table>_id` unless the table has its key already (a generation keyed by its primary key
 * among them), or a resumed bulk load builds it later (`deferred`).
 */
export function addCaseViewKey(db: Database.Database, table: string, deferred?: ReadonlySet<string>): void {
  if (!hasCaseViewKey(db, table))
    createIndex(
      db,
      `CREATE UNIQUE INDEX IF NOT EXISTS ${caseViewKeyIndex(table)} ON ${table} (application_id)`,
      deferred,
    );
}
