import type Database from 'better-sqlite3';
import type { TableNames, VersionedProjection } from '../runner/projection';
import { dropAllGenerations, ensureGenerations, generationTable, pointViews } from './projection-generations';

export type VersionedProjectionDefinition = Pick<
  VersionedProjection,
  'name' | 'tables' | 'createTables' | 'openBatches' | 'openRowFold' | 'rowFoldModule'
>;

/**
 * Gives a generational definition the plain `Projection` methods too, so that code that only
 * needs the tables to exist (`setup`) or applies events itself keeps working on the active
 * generation through the views.
 */
export function versionedProjection(definition: VersionedProjectionDefinition): VersionedProjection {
  const activeTables = (db: Database.Database): TableNames => {
    const { active } = ensureGenerations(db, definition.name);
    return (base) => generationTable(base, active);
  };
  const openGeneration = (db: Database.Database, table: TableNames) => {
    definition.createTables(db, table);
    return definition.openBatches(db, table);
  };
  return {
    ...definition,
    openGeneration,
    setup(db) {
      db.transaction(() => {
        const { active } = ensureGenerations(db, definition.name);
        definition.createTables(db, (base) => generationTable(base, active));
        pointViews(db, definition.tables, active);
      }).immediate();
    },
    reset(db) {
      db.transaction(() => dropAllGenerations(db, definition)).immediate();
    },
    apply(db, event) {
      const applier = openGeneration(db, activeTables(db))();
      applier.apply(event);
      applier.finish();
    },
  };
}
