import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { WriteGate } from '../runner/write-gate';
import { runOnThread } from './schema-thread';
import { indexName } from './generation-indexes';
import { deferredIndexes, forgetDeferredIndexes, noteDeferredIndexes } from './projection-generations';

/**
 * The index builds read the table through a memory map of the file, up to this size (SQLite caps it
 * at its own maximum): each build scans every row, the state column's overflow pages included, and
 * the later ones find the pages already mapped instead of copying each into the page cache again.
 */
const INDEX_BUILD_MMAP_BYTES = 2 ** 31;

/**
 * A bulk load: the generation a rebuild fills from position 0 keeps only its primary keys while it
 * is filled (the upserts need them), and its unique indexes unless its fold finds the rows it
 * wrote by rowid (the case view's: case-view.key.ts). Its other indexes are dropped while its
 * tables are still empty, and built again once it has caught up, each by one sort over the whole
 * table instead of row by row through every batch, before the transaction that makes the
 * generation active. In a file, they are built on a thread of their own connection while the
 * runner's other writers wait at its write gate (the build holds the file's write lock): the event
 * loop is never held by the sort (681 ms for the case view at 1M events when it ran on it). In
 * memory (tests), one index per turn of the event loop. That transaction creates any index still
 * missing from the projection's own definitions, so no reader ever sees the generation without its
 * indexes. The definitions it dropped are noted in the file with the first batch, so a bulk load
 * resumed after a restart leaves them out of the tables its handler opens (`resume`), and builds
 * them the same way at its end: creating them as the handler opened held the event loop 2.3–2.5 s
 * at 450,000–630,000 of 1M events.
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

  /**
   * In the transaction of the generation's first batch, its tables still empty: drops their
   * secondary indexes, and their unique ones too if `dropKeys` (a fold that finds its rows by rowid
   * fills them: RowFoldModule.loadsWithoutKeys).
   */
  begin(dropKeys = false): void {
    const indexes = this.db.prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    );
    const dropped = this.tables.flatMap((table) => {
      const found = indexes.all(table).filter(({ sql }) => dropKeys || !isUnique(sql));
      for (const { name } of found) this.db.exec(`DROP INDEX "${name}"`);
      const definitions = found.map(({ sql }) => sql);
      if (definitions.length > 0) noteDeferredIndexes(this.db, table, definitions);
      return definitions;
    });
    if (dropped.length > 0) this.deferred = dropped;
  }

  /**
   * For a generation that a bulk load has been filling, when the handler opens it (a restart) or
   * its batch is about to switch (the load was begun by another process): the indexes `begin`
   * dropped that are still missing are deferred again, to be built by `finish`.
   */
  resume(): void {
    const exists = this.db
      .prepare<[string], number>("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?")
      .pluck();
    this.deferred = this.tables
      .flatMap((table) => deferredIndexes(this.db, table))
      .filter((sql) => exists.get(indexName(sql)) === 0);
  }

  /** The names of the indexes deferred: the tables are opened without them. */
  get deferredNames(): ReadonlySet<string> {
    return new Set(this.deferred.map(indexName));
  }

  /** At the switch, in its transaction: every index is built, and its definitions are not noted any more. */
  forget(): void {
    this.deferred = [];
    forgetDeferredIndexes(this.db, this.tables);
  }

  /** Unique indexes dropped and not built again yet. */
  get keysPending(): boolean {
    return this.deferred.some(isUnique);
  }

  /**
   * Builds the dropped indexes again (only the unique ones if `keysOnly`), each in a transaction of
   * its own: on a thread while `gate` is held by `holder` (the generation's handler), or on the
   * event loop one per turn for an in-memory database. A failure leaves the ones not built yet
   * pending, for the worker's retry.
   */
  async finish(gate: WriteGate, holder: object, keysOnly = false): Promise<void> {
    const builds = this.deferred.filter((sql) => !keysOnly || isUnique(sql));
    if (this.db.memory) return this.finishOnEventLoop(builds);
    await gate.hold(holder, () =>
      runOnThread(
        this.db.name,
        builds.map((sql) => ({ sql: ifNotExists(sql) })),
        (built) => {
          this.deferred = this.deferred.filter((sql) => ifNotExists(sql) !== built);
        },
        INDEX_BUILD_MMAP_BYTES,
      ),
    );
  }

  private async finishOnEventLoop(builds: readonly string[]): Promise<void> {
    for (const sql of builds) {
      await nextTurn();
      this.db.exec(ifNotExists(sql));
      this.deferred = this.deferred.filter((deferred) => deferred !== sql);
    }
  }
}

const isUnique = (sql: string): boolean => /^CREATE UNIQUE INDEX /i.test(sql);

const ifNotExists = (sql: string): string =>
  sql.replace(/^CREATE (UNIQUE )?INDEX (?!IF NOT EXISTS)/i, 'CREATE $1INDEX IF NOT EXISTS ');
