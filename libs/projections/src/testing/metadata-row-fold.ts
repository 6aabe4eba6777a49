import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';
import type { RowFold } from '../runner/projection';

/** A row fold for specs of the fold's thread: one row per event, its position and its metadata as JSON. */
export function metadataRowFold(_db: Database.Database, table: string): RowFold {
  let rows: unknown[][] = [];
  let taken = 0;
  return {
    sql: `INSERT INTO ${table} (position, metadata) VALUES (?, ?)`,
    apply(event: RecordedEvent) {
      rows.push([event.position, JSON.stringify(event.metadata)]);
    },
    takeRows() {
      const taking = rows;
      rows = [];
      taken++;
      return taking;
    },
    dropBatch() {
      rows = [];
    },
    committed: () => undefined,
    get taken() {
      return taken;
    },
    reset() {
      rows = [];
    },
  };
}
