import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';

/**
 * A bulk load: the generation a rebuild fills from position 0 keeps only its primary keys while it
 * is filled (the upserts need them). Its other indexes are dropped while its tables are still
 * empty, and built again once it has caught up, each by one sort over the whole table instead of
 * row by row through every batch: one index per turn of the event loop, so that requests get
 * through between them, before the transaction that makes the generation active. That
 * transaction creates any index still missing (after a restart, say) from the projection's own
 * definitions, so no reader ever sees the generation without its indexes.
 */
export class BulkLoad {
  /** The definitions of the indexes dropped and not built again yet. */
  private deferred: string[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly tables: readonly string[],
  ) {}

  get pending(): boolean {
    return this.deferred.length > 0;
  }

  /** In the transaction of the generation's first batch, its tables still empty: drops their secondary indexes. */
  begin(): void {
    const indexes = this.db.prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    );
    const found = this.tables.flatMap((table) => indexes.all(table));
    for (const { name } of found) this.db.exec(`DROP INDEX "${name}"`);
    if (found.length > 0) this.deferred = found.map(({ sql }) => sql);
  }

  /** Builds the dropped indexes again, one per turn, each in a transaction of its own. */
  async finish(): Promise<void> {
    while (this.deferred.length > 0) {
      await nextTurn();
      this.db.exec(
        this.deferred[0].replace(/^CREATE (UNIQUE )?INDEX (?!IF NOT EXISTS)/i, 'CREATE $1INDEX IF NOT EXISTS '),
      );
      this.deferred.shift();
    }
  }
}
