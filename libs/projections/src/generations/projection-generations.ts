import type Database from 'better-sqlite3';
import { prepared } from '../runner/prepared-statements';

/**
 * A generation is one complete copy of a projection's tables, filled from position 0 with its
 * own checkpoint. `active` is the one readers see; `building` the one a rebuild is filling.
 */
export type Generations = Readonly<{ active: number; building: number | null; switchedAt: string | null }>;

type Tabled = Readonly<{ name: string; tables: readonly string[] }>;

export const generationTable = (base: string, generation: number): string => `${base}_g${generation}`;
export const generationCheckpoint = (name: string, generation: number): string => `${name}@g${generation}`;

/**
 * `projection_generations`, and `projection_deferred_indexes`: the definitions of the indexes a
 * rebuild's bulk load dropped from a generation's tables (generations/bulk-load.ts), so that they
 * are built on a thread, not on the event loop, when the load resumes after a restart or when
 * another process than the one that began it switches.
 */
export function createGenerationsTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS projection_generations (
    name TEXT PRIMARY KEY, active INTEGER NOT NULL, building INTEGER, switched_at TEXT)`);
  db.exec(`CREATE TABLE IF NOT EXISTS projection_deferred_indexes (
    table_name TEXT NOT NULL, sql TEXT NOT NULL, PRIMARY KEY (table_name, sql)) WITHOUT ROWID`);
}

/** Notes the definitions of the indexes a bulk load dropped from `table`, in place of any noted before. */
export function noteDeferredIndexes(db: Database.Database, table: string, definitions: readonly string[]): void {
  forgetDeferredIndexes(db, [table]);
  const note = db.prepare('INSERT INTO projection_deferred_indexes (table_name, sql) VALUES (?, ?)');
  for (const sql of definitions) note.run(table, sql);
}

/** The definitions noted for `table`: built since or not. */
export function deferredIndexes(db: Database.Database, table: string): string[] {
  return db
    .prepare<[string], string>('SELECT sql FROM projection_deferred_indexes WHERE table_name = ?')
    .pluck()
    .all(table);
}

export function forgetDeferredIndexes(db: Database.Database, tables: readonly string[]): void {
  const forget = db.prepare('DELETE FROM projection_deferred_indexes WHERE table_name = ?');
  for (const table of tables) forget.run(table);
}

export function readGenerations(db: Database.Database, name: string): Generations | null {
  const row = prepared(
    db,
    'SELECT active, building, switched_at AS switchedAt FROM projection_generations WHERE name = ?',
  ).get(name);
  return (row as Generations | undefined) ?? null;
}

/** The projection's generations, starting at generation 1 the first time. */
export function ensureGenerations(db: Database.Database, name: string): Generations {
  db.prepare('INSERT OR IGNORE INTO projection_generations (name, active) VALUES (?, 1)').run(name);
  return readGenerations(db, name) as Generations;
}

/** Starts a rebuild into the next generation, or returns the one already building. */
export function beginRebuild(db: Database.Database, projection: Tabled): number {
  const current = ensureGenerations(db, projection.name);
  if (current.building !== null) return current.building;
  const building = current.active + 1;
  dropGeneration(db, projection, building);
  db.prepare('UPDATE projection_generations SET building = ? WHERE name = ?').run(building, projection.name);
  return building;
}

/**
 * Makes `generation` the active one: the row, the views readers query, and the old generation's
 * checkpoint and (unless `keepTables`) tables, all in the caller's transaction, so readers see the
 * old generation or the new one and never a mix. Kept tables are dropped later, on a thread
 * (`retiredGenerationTables`): dropping a large table visits every page of it.
 */
export function switchGeneration(
  db: Database.Database,
  projection: Tabled,
  generation: number,
  at: string,
  keepTables = false,
): void {
  const previous = ensureGenerations(db, projection.name).active;
  db.prepare('UPDATE projection_generations SET active = ?, building = NULL, switched_at = ? WHERE name = ?').run(
    generation,
    at,
    projection.name,
  );
  pointViews(db, projection.tables, generation);
  if (previous === generation) return;
  if (keepTables) deleteCheckpoint(db, projection, previous);
  else dropGeneration(db, projection, previous);
}

/** A table of a generation that is neither active nor building any more. */
export type RetiredTable = Readonly<{ table: string; generation: number }>;

/**
 * Tables of the projection's generations that are neither active nor building: an old generation
 * switched away from, whose drop had not run yet (or was cut short by a stop or a crash).
 */
export function retiredGenerationTables(db: Database.Database, projection: Tabled): RetiredTable[] {
  const current = readGenerations(db, projection.name);
  const live = new Set([current?.active, current?.building]);
  const named = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  return projection.tables.flatMap((base) =>
    named.flatMap((table) => {
      const suffix = table.startsWith(base) ? /^_g(\d+)$/.exec(table.slice(base.length)) : null;
      const generation = Number(suffix?.[1]);
      return suffix && !live.has(generation) ? [{ table, generation }] : [];
    }),
  );
}

/** Points the view under each base name at the generation's table, unless it already does. */
export function pointViews(db: Database.Database, tables: readonly string[], generation: number): void {
  for (const base of tables) {
    const wanted = `CREATE VIEW ${base} AS SELECT * FROM ${generationTable(base, generation)}`;
    const existing = schemaObject(db, base);
    if (existing?.type === 'view' && existing.sql === wanted) continue;
    if (existing) db.exec(`DROP ${existing.type === 'view' ? 'VIEW' : 'TABLE'} ${base}`);
    db.exec(wanted);
  }
}

export function dropGeneration(db: Database.Database, projection: Tabled, generation: number): void {
  const tables = projection.tables.map((base) => generationTable(base, generation));
  for (const table of tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
  forgetDeferredIndexes(db, tables);
  deleteCheckpoint(db, projection, generation);
}

function deleteCheckpoint(db: Database.Database, projection: Tabled, generation: number): void {
  db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(
    generationCheckpoint(projection.name, generation),
  );
}

/** Drops every generation, the views and the bookkeeping: the projection starts over at generation 1. */
export function dropAllGenerations(db: Database.Database, projection: Tabled): void {
  const current = readGenerations(db, projection.name);
  for (const generation of [current?.active, current?.building])
    if (generation) dropGeneration(db, projection, generation);
  for (const base of projection.tables) {
    const existing = schemaObject(db, base);
    if (existing) db.exec(`DROP ${existing.type === 'view' ? 'VIEW' : 'TABLE'} ${base}`);
  }
  db.prepare('DELETE FROM projection_generations WHERE name = ?').run(projection.name);
}

function schemaObject(db: Database.Database, name: string): { type: string; sql: string } | undefined {
  return db.prepare("SELECT type, sql FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(name) as
    { type: string; sql: string } | undefined;
}
