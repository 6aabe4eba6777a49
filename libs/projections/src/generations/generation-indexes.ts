import type Database from 'better-sqlite3';

/** The name an index definition gives (`CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON …`). */
export function indexName(sql: string): string {
  const name = /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([^\s"(]+)"?/i.exec(sql)?.[1];
  if (!name) throw new Error(`Not an index definition: ${sql}`);
  return name;
}

/**
 * Creates one of a generation's indexes if missing, unless a resumed bulk load builds it later on
 * a thread (`deferred`: generations/bulk-load.ts); building it here would hold the event loop for
 * as long as it takes to sort the whole table.
 */
export function createIndex(db: Database.Database, sql: string, deferred?: ReadonlySet<string>): void {
  if (!deferred?.has(indexName(sql))) db.exec(sql);
}
