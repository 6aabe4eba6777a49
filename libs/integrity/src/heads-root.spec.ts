import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { headsRootOf } from './heads-root';

/** The root as the digest format defines it: every head's line, in stream-name order, hashed whole. */
function rootByDefinition(heads: readonly (readonly [string, number, string])[]): string {
  const sorted = [...heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(sorted.map(([stream, revision, hash]) => `${stream}\t${revision}\t${hash}\n`).join(''), 'utf8')
    .digest('hex');
}

describe('headsRootOf', () => {
  const db = new Database(':memory:');
  db.exec(
    'CREATE TABLE stream_heads (stream_name TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID',
  );
  afterAll(() => db.close());

  it('hashes every head in stream-name order across pages, as the digest format defines the root', () => {
    const heads = Array.from({ length: 4_321 }, (_, index) => {
      const name = `application-${createHash('md5').update(String(index)).digest('hex')}`;
      return [index === 7 ? 'Ändern-é' : name, index % 13, createHash('sha256').update(name).digest('hex')] as const;
    });
    const insert = db.prepare('INSERT INTO stream_heads VALUES (?, ?, ?)');
    for (const head of heads) insert.run(...head);

    expect(headsRootOf(db)).toEqual({ root: rootByDefinition(heads), count: 4_321 });
  });

  it('gives the empty set the hash of no text', () => {
    const empty = new Database(':memory:');
    empty.exec(
      'CREATE TABLE stream_heads (stream_name TEXT PRIMARY KEY, revision INTEGER NOT NULL, hash TEXT NOT NULL)',
    );
    expect(headsRootOf(empty)).toEqual({ root: createHash('sha256').update('').digest('hex'), count: 0 });
    empty.close();
  });
});
