import Database from 'better-sqlite3';
import { createGenerationsTable } from '../generations/projection-generations';
import { prepared } from './prepared-statements';

/** The read models' file in `DATA_DIR`. */
export const READ_MODELS_FILE = 'read-models.db';

/**
 * SQLite's page cache for the read models, in MB (better-sqlite3 builds SQLite with 16 MB). The
 * service sets it from READ_MODEL_CACHE_MB (README "Configuration"): under submission load on 1M
 * events the cache fills whatever its size, since each new case's row lands on a random page, and
 * a first start over that log took no more CPU with 8 MB than with 32.
 */
export const READ_MODEL_CACHE_MB = 8;
/**
 * Pages the WAL may hold before a checkpoint copies them into the file (the default is 1,000,
 * 4 MB): catch-up batches rewrite the same rows and index pages again and again, and a longer
 * WAL copies each page once per checkpoint rather than once per few batches.
 */
export const READ_MODEL_CHECKPOINT_PAGES = 10_000;

/**
 * Opens the read-model database. Read models are disposable caches of the log, and each batch
 * commits with its checkpoint in one transaction, so `synchronous=NORMAL` can at worst roll a
 * model and its checkpoint back together after a power loss; the runner then re-applies.
 */
export function openReadModelDatabase(file: string, cacheMb = READ_MODEL_CACHE_MB): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  db.pragma(`wal_autocheckpoint = ${READ_MODEL_CHECKPOINT_PAGES}`);
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
  createGenerationsTable(db);
  return db;
}

export function readCheckpoint(db: Database.Database, name: string): number {
  const row = prepared(db, 'SELECT position FROM projection_checkpoints WHERE name = ?').get(name) as
    { position: number } | undefined;
  return row?.position ?? 0;
}

export function writeCheckpoint(db: Database.Database, name: string, position: number, at: string): void {
  prepared(
    db,
    `INSERT INTO projection_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
  ).run(name, position, at);
}
