import type Database from 'better-sqlite3';

/**
 * The countersigned events in the order they were signed (a plain rowid table), found by stream
 * through an index: a round appends its rows at the table's end, and only the index's small
 * entries land among those of other streams. Stream names end in random UUIDs, so rows kept in
 * stream order (the layout before, `LEGACY_SIGNED_EVENTS`) went all over the table: a round of
 * 50,000 events rewrote 113 MB of its pages.
 */
export const SIGNED_EVENTS_COLUMNS = `stream_name TEXT NOT NULL, revision INTEGER NOT NULL, hash TEXT NOT NULL,
  digest_id INTEGER NOT NULL, key_id TEXT NOT NULL, mac TEXT NOT NULL`;
export const SIGNED_EVENTS_INDEX =
  'CREATE UNIQUE INDEX IF NOT EXISTS signed_events_by_stream ON signed_events (stream_name, revision)';
/** How digests files written until 2026-12-07 keep them (a table keyed by stream): `appendSignedEvents` moves them. */
const LEGACY_SIGNED_EVENTS = /\bWITHOUT\s+ROWID\b/i;

/** True while the countersigned events are kept in the legacy layout (LEGACY_SIGNED_EVENTS). */
export function keepsLegacyLayout(db: Database.Database): boolean {
  const definition = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'signed_events'")
    .pluck()
    .get() as string;
  return LEGACY_SIGNED_EVENTS.test(definition);
}

/**
 * Moves a digests file's countersigned events from the legacy layout (kept in stream order, a
 * table keyed by stream and revision) to the one a round appends to: the same rows, in the order
 * they were signed, and the index by stream and revision. One transaction, the row counts
 * compared before the old table goes: should anything fail, the file stays as it was (and
 * signing goes on in the legacy layout, which every query of DigestStore still reads). The old
 * table's pages are left free in the file for the rows that follow. The number of rows it moved,
 * or null when the file had the appended layout already.
 */
export function appendSignedEvents(db: Database.Database): number | null {
  return db
    .transaction((): number | null => {
      if (!keepsLegacyLayout(db)) return null;
      db.exec(`CREATE TABLE signed_events_appended (${SIGNED_EVENTS_COLUMNS})`);
      db.exec(
        `INSERT INTO signed_events_appended SELECT stream_name, revision, hash, digest_id, key_id, mac
         FROM signed_events ORDER BY digest_id, stream_name, revision`,
      );
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const [moved, kept] = [count('signed_events_appended'), count('signed_events')];
      if (moved !== kept) throw new Error(`moved ${moved} countersigned events of ${kept}: nothing was changed`);
      db.exec('DROP TABLE signed_events');
      db.exec('ALTER TABLE signed_events_appended RENAME TO signed_events');
      db.exec(SIGNED_EVENTS_INDEX);
      return moved;
    })
    .immediate();
}
