import Database from 'better-sqlite3';

/**
 * An empty digests file as DigestStore created it until 2026-12-07: the countersigned events in a
 * table keyed by stream and revision (WITHOUT ROWID), the layout `appendSignedEvents` moves.
 */
export function createLegacyDigestsFile(file: string): string {
  const db = new Database(file);
  db.exec(`CREATE TABLE digests (id INTEGER PRIMARY KEY, signed_at TEXT NOT NULL, key_id TEXT NOT NULL,
    position INTEGER NOT NULL, stream_count INTEGER NOT NULL, heads_root TEXT NOT NULL, previous_signature TEXT, signature TEXT NOT NULL)`);
  db.exec(`CREATE TABLE signed_events (stream_name TEXT NOT NULL, revision INTEGER NOT NULL, hash TEXT NOT NULL,
    digest_id INTEGER NOT NULL, key_id TEXT NOT NULL, mac TEXT NOT NULL, PRIMARY KEY (stream_name, revision)) WITHOUT ROWID`);
  db.exec(
    'CREATE TABLE stream_heads (stream_name TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID',
  );
  db.close();
  return file;
}
