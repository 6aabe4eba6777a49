import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';

/**
 * A read model fed from the global log. `apply` runs inside the runner's transaction, together
 * with the checkpoint, and must be idempotent (guard on stream revision or event id).
 */
export interface Projection {
  /** Stable name, used for its checkpoint and in the admin rebuild route. */
  readonly name: string;
  /** Creates its tables if missing. */
  setup(db: Database.Database): void;
  /** Drops its rows and tables, for a rebuild from position zero. */
  reset(db: Database.Database): void;
  apply(db: Database.Database, event: RecordedEvent): void;
}

/** Applies one event to the tables a projection generation prepared its statements on. */
export type ApplyEvent = (event: RecordedEvent) => void;

/** Maps a base table name to the name of that table in one generation. */
export type TableNames = (base: string) => string;

/**
 * A projection that can be rebuilt while it serves. Each generation is a full copy of its tables
 * (`<base>_g<generation>`) with its own checkpoint; a view under each base name shows the active
 * generation, so readers never name a generation and one transaction switches them all.
 */
export interface VersionedProjection extends Projection {
  /** Base names of its tables: the names readers query (views over the active generation). */
  readonly tables: readonly string[];
  /** Creates one generation's tables if missing and prepares the statements that apply events to them. */
  openGeneration(db: Database.Database, table: TableNames): ApplyEvent;
}

export const isVersioned = (projection: Projection): projection is VersionedProjection =>
  'openGeneration' in projection && 'tables' in projection;
