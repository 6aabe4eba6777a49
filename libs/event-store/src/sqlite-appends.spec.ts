import { join } from 'node:path';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.errors';
import { SqliteEventLog } from './sqlite-event-log';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { insertByHand, knownStreamsFilled as filled, useSqliteStores } from './testing/sqlite-stores.contract';
import { useTempDir } from './testing/temp-dir.contract';

describe('SqliteEventStore appends: ids looked up only when the expectation does not settle the append', () => {
  const tempDir = useTempDir('sqlite-appends-');
  const open = useSqliteStores();
  afterEach(() => jest.restoreAllMocks());

  it('writes an append that holds its expectation without looking its ids up, and still answers a retry as the original', async () => {
    const store = open(join(tempDir(), 'events.db'));
    const stream = newStream();
    const first = newEvent();
    const second = [newEvent(), newEvent()];
    const lookups = jest.spyOn(SqliteEventLog.prototype, 'findEvent');

    await store.appendToStream(stream, [first], { expectedRevision: 'no-stream' });
    const appended = await store.appendToStream(stream, second, { expectedRevision: 0 });
    expect(lookups).not.toHaveBeenCalled();

    // The retry's expectation no longer holds: its ids tell it from a conflict.
    await expect(store.appendToStream(stream, second, { expectedRevision: 0 })).resolves.toEqual(appended);
    expect(lookups).toHaveBeenCalled();
    expect((await store.readStream(stream)).map((event) => event.eventId)).toEqual(
      [first, ...second].map((event) => event.eventId),
    );
  });

  it('refuses an id another connection stored in another stream, and stores nothing of that append', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    await filled(store);
    const takenId = newEvent().eventId;
    insertByHand(file, [newStream()], () => takenId);

    const alone = newStream();
    await expect(
      store.appendToStream(alone, [{ ...newEvent(), eventId: takenId }], { expectedRevision: 'no-stream' }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    const inPair = newStream();
    await expect(
      store.appendToStream(inPair, [newEvent(), { ...newEvent(), eventId: takenId }], {
        expectedRevision: 'no-stream',
      }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStreamOrEmpty(alone)).toEqual([]);
    expect(await store.readStreamOrEmpty(inPair)).toEqual([]);
  });

  it('decides again from the file an append on a stream another connection began in the same turn', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    await filled(store);
    // Read now, the turn's data_version predates the inserts below: the store takes both streams for new.
    await store.readStreamOrEmpty(newStream());
    const [anyStream, numbered, fresh] = [newStream(), newStream(), newStream()];
    insertByHand(file, [anyStream, numbered, fresh]);

    const added = newEvent();
    const toAny = store.appendToStream(anyStream, [added], { expectedRevision: 'any' });
    const toNumbered = store.appendToStream(numbered, [newEvent()], { expectedRevision: 0 });
    const toFresh = store.appendToStream(fresh, [newEvent()], { expectedRevision: 'no-stream' });
    await expect(toFresh).rejects.toEqual(expect.objectContaining({ name: 'WrongExpectedRevisionError', actual: 0 }));
    await expect(toAny).resolves.toEqual(expect.objectContaining({ nextExpectedRevision: 1 }));
    await expect(toNumbered).resolves.toEqual(expect.objectContaining({ nextExpectedRevision: 1 }));
    expect((await store.readStream(anyStream)).map((event) => event.eventId)[1]).toBe(added.eventId);
    await expect(store.appendToStream(numbered, [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });
});
