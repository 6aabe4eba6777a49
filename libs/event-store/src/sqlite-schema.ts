import type { Database } from 'better-sqlite3';

/** What `PRAGMA user_version` holds once the file is migrated; one migration per version. */
export const SCHEMA_VERSION = 1;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_name TEXT    NOT NULL,
     revision    INTEGER NOT NULL,
     event_id    TEXT    NOT NULL UNIQUE,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     UNIQUE (stream_name, revision)
   ) STRICT`,
];

/**
 * The event log connection's page cache, in MB (EVENT_LOG_CACHE_MB). better-sqlite3 builds SQLite
 * with 16 MB a connection; under submission load that fills with the pages just appended (events,
 * their index entries), which are read again only by a subscription that fell behind the recent
 * events kept parsed in memory.
 */
export const SQLITE_EVENT_LOG_CACHE_MB = 4;

/**
 * WAL lets readers (projections, other processes) run while one writer appends. Returns whether
 * the file is in WAL mode (an in-memory database is not).
 *
 * `synchronous = NORMAL` writes the WAL at COMMIT without syncing it: alone, that would lose the
 * last commits on a power loss or an OS crash after the caller was told they were stored. The
 * store therefore syncs the WAL itself, off the event loop, before it answers an append (WalSync):
 * acknowledged still means on disk, as with FULL, without COMMIT stopping the service for an fsync.
 * Without WAL, `FULL` syncs inside COMMIT.
 *
 * `temp_store = MEMORY` keeps the statement journals of the group commit's savepoints (an append
 * of several events) in memory: past 64 KB SQLite spilled them to a temporary file, which the
 * event loop created, wrote and unlinked (an unlink took ~6 ms) inside the group's transaction.
 * A savepoint journals the pages its own append touches, so the memory is a few pages.
 */
export function configureConnection(db: Database, cacheMb = SQLITE_EVENT_LOG_CACHE_MB): boolean {
  const wal = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase() === 'wal';
  db.pragma(wal ? 'synchronous = NORMAL' : 'synchronous = FULL');
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  db.pragma('temp_store = MEMORY');
  return wal;
}

/** Brings the file to SCHEMA_VERSION; safe when several processes open a new file at once. */
export function migrate(db: Database): void {
  if (userVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = userVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `Event store file has schema version ${version}, newer than this build's ${SCHEMA_VERSION}: upgrade the application`,
      );
    }
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
