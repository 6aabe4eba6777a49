import type Database from 'better-sqlite3';
import { KnownKeys, type KeyTable } from './known-keys';
import type { OnceATurn } from './once-a-turn';

/**
 * Which streams may exist, for the SQLite store to answer a read of a new stream without asking
 * the file (KnownKeys over the stream names of `events`). A submission opens a new stream: that
 * read of an index leaf cost ~40 µs of the event loop under load, 9 % of the appends figure's
 * pipeline (profiles, 2026-12-06). An append decided on a stream another process began within the
 * turn of the read fails on its expected revision, which marks the stream, and is decided again on
 * the stream as read.
 */
export function sqliteKnownStreams(db: Database.Database, dataVersion: OnceATurn<number>): KnownKeys {
  const namesAfterPosition = db
    .prepare<[number, number], [string, number]>(
      'SELECT stream_name, position FROM events WHERE position > ? ORDER BY position LIMIT ?',
    )
    .raw();
  const lastPosition = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck();
  const table: KeyTable = {
    file: db.memory ? null : db.name,
    keysSql: 'SELECT DISTINCT stream_name FROM events',
    dataVersion,
    lastRowid: () => lastPosition.get() ?? 0,
    keysAfterRowid: (position, limit) => namesAfterPosition.all(position, limit),
  };
  return new KnownKeys(table);
}
