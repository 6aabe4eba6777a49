import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from '../sqlite-event-store';

/** A failure of the disk under the SQLite event store, as SQLite reports it to the store's connection. */
export type SqliteFault = 'disk-full' | 'read-only';

/** An event payload larger than an SQLite page: its append always needs new pages, so a full disk refuses it. */
export const LARGER_THAN_A_PAGE = 4096;

/**
 * Puts the store's own connection where a full disk or a read-only file leaves it. Tests run as
 * root, where file permissions stop nothing, and both limits below are per connection, so they are
 * set on the store's connection itself (reached past `private`, for tests only):
 * - `disk-full`: `max_page_count` caps the file at its current size, and any write that needs a
 *   new page fails with SQLITE_FULL (after which SQLite rolls back the whole transaction of a
 *   one-row insert). An event of more than LARGER_THAN_A_PAGE bytes always needs a new page; a
 *   small one may still fit in the free space of the last page.
 * - `read-only`: `query_only`, and every write fails with SQLITE_READONLY.
 * Returns the function that removes the fault.
 */
export function injectSqliteFault(store: EventStore, fault: SqliteFault): () => void {
  if (!(store instanceof SqliteEventStore)) {
    throw new TypeError(`injectSqliteFault needs the SQLite event store, not the ${store.kind} one`);
  }
  const db = store['db'];
  if (fault === 'read-only') {
    db.pragma('query_only = ON');
    return () => db.pragma('query_only = OFF');
  }
  const unlimited = db.pragma('max_page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  return () => db.pragma(`max_page_count = ${unlimited}`);
}
