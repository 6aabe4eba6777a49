import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { useTempDir } from './testing/temp-dir.contract';

const HEAD_QUERY = 'ORDER BY revision DESC LIMIT 1';
const INSERT = `INSERT INTO events (stream_name, revision, event_id, type, data, metadata, recorded_at)
                VALUES (?, ?, ?, 'Appended', '{}', ?, '2026-12-06T00:00:00.000Z')`;

/** Another process commits one event to the file with its own SQLite connection, and exits. */
function appendInAnotherProcess(file: string, stream: string, revision: number, eventId: string, hash: string) {
  const source = `const Database = require('better-sqlite3'); const [file, stream, revision, id, metadata] = process.argv.slice(1);
    const db = new Database(file, { timeout: 5000 }); db.prepare(process.env.INSERT).run(stream, Number(revision), id, metadata); db.close();`;
  const args = ['-e', source, file, stream, String(revision), eventId, JSON.stringify({ hash })];
  const child = spawn(process.execPath, args, { env: { ...process.env, INSERT }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<string>((resolve) => child.once('close', (code) => resolve(`exit code ${code} ${stderr}`.trim())));
}

/**
 * The heads are kept between commits: an as-of replay asking again and again for an unchanged case
 * does not query the table each time, and a commit by any connection, in this process or another,
 * is seen by the very next call (the WAL-index header changed).
 */
describe('SqliteEventStore.streamHead between commits', () => {
  const tempDir = useTempDir('sqlite-stream-heads-commits-');
  const opened: SqliteEventStore[] = [];
  const open = (file: string) => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };
  let headQueries: jest.SpyInstance;
  beforeEach(() => {
    const scratch = new Database(':memory:');
    const get = jest.spyOn(Object.getPrototypeOf(scratch.prepare('SELECT 1')) as Database.Statement, 'get');
    scratch.close();
    headQueries = get;
  });
  afterEach(async () => {
    headQueries.mockRestore();
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  const headQueryCount = () =>
    headQueries.mock.contexts.filter((statement: Database.Statement) => statement.source.includes(HEAD_QUERY)).length;

  it('reads a stream’s head once while nothing is committed: asking again costs no query', async () => {
    const store = open(join(tempDir(), 'events.db'));
    const stream = newStream();
    const last = newEvent({ metadata: { hash: 'aa11' } });
    await store.appendToStream(stream, [newEvent(), last], { expectedRevision: 'no-stream' });
    const before = headQueryCount();

    const answers = [1, 2, 3, 4, 5].map(() => store.streamHead(stream));

    expect(answers).toEqual(Array(5).fill({ revision: 1, eventId: last.eventId, hash: 'aa11' }));
    expect(headQueryCount() - before).toBe(1);
  });

  it('sees this store’s own append, and a commit by another connection, at the next call', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const stream = newStream();
    await store.appendToStream(stream, [newEvent({ metadata: { hash: 'aa11' } })], { expectedRevision: 'no-stream' });
    expect(store.streamHead(stream)).toMatchObject({ revision: 0, hash: 'aa11' });

    const own = newEvent({ metadata: { hash: 'bb22' } });
    await store.appendToStream(stream, [own], { expectedRevision: 0 });
    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId: own.eventId, hash: 'bb22' });

    const other = open(file);
    const theirs = newEvent({ metadata: { hash: 'cc33' } });
    await other.appendToStream(stream, [theirs], { expectedRevision: 1 });
    expect(store.streamHead(stream)).toEqual({ revision: 2, eventId: theirs.eventId, hash: 'cc33' });

    const db = new Database(file);
    db.prepare('UPDATE events SET metadata = ? WHERE event_id = ?').run('{"hash":"dd44"}', theirs.eventId);
    db.close();
    expect(store.streamHead(stream)).toEqual({ revision: 2, eventId: theirs.eventId, hash: 'dd44' });
  });

  it('sees an event committed by another process at the next call, after a run of calls that read nothing', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const stream = newStream();
    await store.appendToStream(stream, [newEvent({ metadata: { hash: 'aa11' } })], { expectedRevision: 'no-stream' });
    for (let call = 0; call < 3; call++) expect(store.streamHead(stream)).toMatchObject({ revision: 0 });

    const eventId = randomUUID();
    expect(await appendInAnotherProcess(file, stream, 1, eventId, 'ee55')).toBe('exit code 0');

    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId, hash: 'ee55' });
  });

  it('keeps seeing commits after another store of the same file in this process was closed', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const stream = newStream();
    await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });
    const closedFirst = new SqliteEventStore(file);
    expect(closedFirst.streamHead(stream)).toMatchObject({ revision: 0 });
    await closedFirst.close();
    expect(store.streamHead(stream)).toMatchObject({ revision: 0 });

    const eventId = randomUUID();
    expect(await appendInAnotherProcess(file, stream, 1, eventId, 'ff66')).toBe('exit code 0');

    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId, hash: 'ff66' });
  });
});
