import Database from 'better-sqlite3';
import { STREAM_PART_SQL, streamPart } from './stream-part';

const NAMES = [
  'application-3f2b8c1e-9d4a-4b7e-8f00-6a5d4c3b2a19',
  'application-3f2b8c1e-9d4a-4b7e-8f00-6a5d4c3b2a1a',
  'intake-2024',
  'a',
  '',
  'caf\u00e9',
  'x\u20ac',
  'x\u{1f600}',
  '\u{1f600}',
  'n\u{10ffff}',
];

describe("which fold thread folds a stream's events", () => {
  it.each([2, 3])(
    'is the same in JavaScript and in SQLite for any name, astral and empty ones included (%i threads)',
    (parts) => {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE events (stream_name TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO events (stream_name) VALUES (?)');
      for (const name of NAMES) insert.run(name);
      const inSqlite = db
        .prepare<[number, number], string>(`SELECT stream_name FROM events WHERE ${STREAM_PART_SQL}`)
        .pluck();

      const byPart = Array.from({ length: parts }, (_, part) => inSqlite.all(parts, part).sort());

      expect(byPart).toEqual(
        Array.from({ length: parts }, (_, part) => NAMES.filter((name) => streamPart(name, parts) === part).sort()),
      );
      expect(byPart.flat()).toHaveLength(NAMES.length);
      expect(byPart.every((names) => names.length > 0)).toBe(true);
      db.close();
    },
  );
});
