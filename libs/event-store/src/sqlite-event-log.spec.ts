import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unparsedJson } from './sqlite-event-log';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite rows read as events: metadata parsed on first read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-log-'));
  const file = join(dir, 'events.db');
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = new SqliteEventStore(file);
    const events = ['first', 'second'].map((name) => ({
      eventId: crypto.randomUUID(),
      type: 'Happened',
      data: { name },
      metadata: { actor: { id: name }, hash: `hash-${name}` },
    }));
    await store.appendToStream('thing-1', events, { expectedRevision: 'no-stream' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows metadata as a plain property: to a copy, to JSON, to an equality check', async () => {
    const [event] = await store.readAll({ after: 0, limit: 1 });
    expect(Object.keys(event)).toContain('metadata');
    expect(event.metadata).toBe(event.metadata);
    expect({ ...event }.metadata).toEqual({ actor: { id: 'first' }, hash: 'hash-first' });
    expect((JSON.parse(JSON.stringify(event)) as typeof event).metadata).toEqual(event.metadata);
    expect(event).toEqual(expect.objectContaining({ metadata: { actor: { id: 'first' }, hash: 'hash-first' } }));
  });

  it('gives every event read the same two getters, so that they share one hidden class', async () => {
    const [first, second] = await store.readAll({ after: 0, limit: 2 });
    const getter = (event: object, key: string) => Object.getOwnPropertyDescriptor(event, key)?.get;
    expect(getter(first, 'data')).toEqual(expect.any(Function));
    expect(getter(first, 'data')).toBe(getter(second, 'data'));
    expect(getter(first, 'metadata')).toBe(getter(second, 'metadata'));
    expect(Object.keys(first)).toEqual([
      'streamName',
      'revision',
      'position',
      'eventId',
      'type',
      'data',
      'metadata',
      'recordedAt',
    ]);
  });

  it('keeps the stored JSON texts of an event until one is parsed, out of sight of copies and comparisons', async () => {
    const [event] = await store.readAll({ after: 0, limit: 1 });
    const texts = unparsedJson(event);
    expect(texts && JSON.parse(texts.data)).toEqual({ name: 'first' });
    expect(texts && JSON.parse(texts.metadata)).toEqual({ actor: { id: 'first' }, hash: 'hash-first' });
    expect(Object.getOwnPropertySymbols({ ...event })).toEqual([]);
    expect(event).toEqual({ ...event });
    expect(event.data).toEqual({ name: 'first' });
    expect(unparsedJson(event)).toBeUndefined();
    expect(unparsedJson({ ...event })).toBeUndefined();
  });

  it('reads a row whose metadata is not JSON; only a reader of its metadata fails, on that event alone', async () => {
    const db = new Database(file);
    db.prepare("UPDATE events SET metadata = '{not json' WHERE revision = 1").run();
    db.close();
    const [first, second] = await store.readStream('thing-1');
    expect(second.data).toEqual({ name: 'second' });
    expect(() => second.metadata).toThrow(SyntaxError);
    expect(first.metadata).toMatchObject({ hash: 'hash-first' });
  });
});
