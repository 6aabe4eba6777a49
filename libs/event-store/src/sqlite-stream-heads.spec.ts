import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { useSqliteStores } from './testing/sqlite-stores.contract';
import { useTempDir } from './testing/temp-dir.contract';

describe('SqliteEventStore.streamHead: a stream’s last event as revision, id and hash', () => {
  const tempDir = useTempDir('sqlite-stream-heads-');
  const open = useSqliteStores();

  it('names the last event of the stream, and null for a stream without events', async () => {
    const store = open(join(tempDir(), 'events.db'));
    const stream = newStream();
    expect(store.streamHead(stream)).toBeNull();

    const first = newEvent({ metadata: { hash: 'aa11' } });
    const last = newEvent({ metadata: { hash: 'bb22' } });
    await store.appendToStream(stream, [first, last], { expectedRevision: 'no-stream' });
    await store.appendToStream(newStream(), [newEvent({ metadata: { hash: 'cc33' } })], { expectedRevision: 'any' });

    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId: last.eventId, hash: 'bb22' });
  });

  it('answers a hash that is not a string, or metadata that is not JSON, as null rather than failing', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const numbered = newStream();
    const unreadable = newStream();
    await store.appendToStream(numbered, [newEvent({ metadata: { hash: 7 } })], { expectedRevision: 'no-stream' });
    const event = newEvent({ metadata: { hash: 'dd44' } });
    await store.appendToStream(unreadable, [event], { expectedRevision: 'no-stream' });
    const db = new Database(file);
    db.prepare('UPDATE events SET metadata = ? WHERE stream_name = ?').run('{"hash": "dd4', unreadable);
    db.close();

    expect(store.streamHead(numbered)).toMatchObject({ revision: 0, hash: null });
    expect(store.streamHead(unreadable)).toEqual({ revision: 0, eventId: event.eventId, hash: null });
  });

  it('answers a head it remembers anew once this store appends to the stream, or from the turn after another connection commits', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const stream = newStream();
    const first = newEvent({ metadata: { hash: 'ee55' } });
    await store.appendToStream(stream, [first], { expectedRevision: 'no-stream' });
    expect(store.streamHead(stream)).toEqual({ revision: 0, eventId: first.eventId, hash: 'ee55' });

    const second = newEvent({ metadata: { hash: 'ff66' } });
    await store.appendToStream(stream, [second], { expectedRevision: 0 });
    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId: second.eventId, hash: 'ff66' });

    const other = new Database(file);
    other.prepare('UPDATE events SET metadata = ? WHERE event_id = ?').run('{"hash":"0077"}', second.eventId);
    other.close();
    await nextTurn();
    expect(store.streamHead(stream)).toEqual({ revision: 1, eventId: second.eventId, hash: '0077' });
  });
});
