import type Database from 'better-sqlite3';

/**
 * A bulk load: the generation a rebuild fills from position 0 keeps only its primary keys while it
 * is filled (the upserts need them); its other indexes are dropped while its tables are still
 * empty and built again, from the projection's own definitions, in the transaction that makes the
 * generation active. SQLite then builds each index once, by one sort, instead of updating it row
 * by row through every batch; no reader sees the generation before that transaction.
 */
export function dropSecondaryIndexes(db: Database.Database, tables: readonly string[]): void {
  const indexes = db.prepare<[string], string>(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
  );
  for (const table of tables) for (const index of indexes.pluck().all(table)) db.exec(`DROP INDEX "${index}"`);
}
