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

/**
 * One batch's work on a generation, inside the batch's transaction: `apply` for each event past
 * the checkpoint, in log order, then `finish` once, before the checkpoint moves. A projection may
 * keep what `apply` folds in memory and write each row once in `finish`; a batch that throws is
 * rolled back and its applier dropped, so nothing it held survives into the next batch.
 */
export type BatchApplier = Readonly<{ apply: ApplyEvent; finish(): void }>;

/** Starts the applier of one batch. */
export type OpenBatch = () => BatchApplier;

/** For a projection that writes every event as it applies it: nothing is left for `finish`. */
export const eventByEvent =
  (apply: ApplyEvent): OpenBatch =>
  () => ({ apply, finish: () => undefined });

/**
 * A rebuild's fold of one generation, kept in memory across batches so that its rows can be
 * written elsewhere (on a thread: generations/rebuild-pipeline.ts) while the next batch folds.
 * Every row goes through `sql`, with the parameters `takeRows` gives, as the catch-up writes it.
 */
export type RowFold = Readonly<{
  /** The statement each row is written with. */
  sql: string;
  /** Folds one event past the checkpoint; throws for an event it cannot process. */
  apply: ApplyEvent;
  /** Ends the batch: each row its events moved, once, as the parameters of `sql`; counts the batches taken. */
  takeRows(): unknown[][];
  /** Forgets what was folded since the last `takeRows` (the batch failed before its rows were taken). */
  dropBatch(): void;
  /** The rows of the first `taken` batches are committed: the fold may let their states go. */
  committed(taken: number): void;
  /** The number of batches taken so far. */
  readonly taken: number;
  /** Forgets everything it holds (rows taken but not committed among them): it reads the table again. */
  reset(): void;
}>;

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
  /**
   * Creates one generation's tables if missing, with their indexes but the ones named in `deferred`:
   * those a bulk load dropped, which it builds on a thread at its end, resumed after a restart too
   * (generations/bulk-load.ts). Each index is created with `createIndex` (generations/generation-indexes.ts).
   */
  createTables(db: Database.Database, table: TableNames, deferred?: ReadonlySet<string>): void;
  /** Prepares the statements that apply batches to one generation's tables, which `createTables` made. */
  openBatches(db: Database.Database, table: TableNames): OpenBatch;
  /** Both: creates one generation's tables if missing (every index among them), and prepares its batches. */
  openGeneration(db: Database.Database, table: TableNames): OpenBatch;
  /** For a rebuild, a fold that writes every row through one statement (the case view's): written on a thread. */
  openRowFold?(db: Database.Database, table: TableNames): RowFold;
  /** The same fold for a thread of its own (generations/fold-thread.ts): a rebuild folds there with both set. */
  readonly rowFoldModule?: RowFoldModule;
}

/**
 * Where a projection's row fold is loaded from on a thread: a module (a file path, as
 * `require.resolve` gives it) and its export `(db, table, part?) => RowFold`, `table` the
 * generation's first table, `part` the thread's when several fold side by side.
 */
export type RowFoldModule = Readonly<{
  module: string;
  exportName: string;
  /** Each row is one stream's, folded from that stream's events alone: a rebuild may fold its streams on several threads. */
  byStream?: boolean;
  /**
   * The fold finds the rows it wrote by rowid when the table has no unique index: a rebuild's bulk
   * load drops the unique indexes too while it fills the generation, and builds them with the others.
   */
  loadsWithoutKeys?: boolean;
}>;

/** Which of the row folds that run side by side a fold is (`index` from 0), and how many there are. */
export type RowFoldPart = Readonly<{ index: number; of: number }>;

export const isVersioned = (projection: Projection): projection is VersionedProjection =>
  'openGeneration' in projection && 'tables' in projection;
