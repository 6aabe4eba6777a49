import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { StreamNotFoundError, WrongExpectedRevisionError } from './event-store.errors';
import { SqliteEventLog } from './sqlite-event-log';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import { insertByHand, knownStreamsFilled as filled, useSqliteStores } from './testing/sqlite-stores.contract';
import { useTempDir } from './testing/temp-dir.contract';

/** Streams written by hand, more than one page of the filter's first read of the names. */
const STREAMS_BY_HAND = 2_500;

describe('SqliteEventStore: reads of a stream that does not exist answered without the file (known streams)', () => {
  const tempDir = useTempDir('sqlite-known-streams-');
  const open = useSqliteStores();
  afterEach(() => jest.restoreAllMocks());

  it('answers a new stream as empty without reading it, and reads every stream the log holds', async () => {
    const file = join(tempDir(), 'events.db');
    await open(file).close();
    const byHand = Array.from({ length: STREAMS_BY_HAND }, () => newStream());
    insertByHand(file, byHand);
    const store = open(file);
    await filled(store);
    const appended = newStream();
    await store.appendToStream(appended, [newEvent()], { expectedRevision: 'no-stream' });

    const reads = jest.spyOn(SqliteEventLog.prototype, 'readStream');
    const absent = newStream();
    await expect(store.readStreamOrEmpty(absent)).resolves.toEqual([]);
    await expect(store.readStream(absent)).rejects.toBeInstanceOf(StreamNotFoundError);
    expect(reads).not.toHaveBeenCalled();

    for (const stream of [...byHand, appended]) {
      expect(await store.readStreamOrEmpty(stream)).toHaveLength(1);
    }
    expect(reads).toHaveBeenCalledTimes(byHand.length + 1);
  });

  it('reads a stream that another connection began once it committed, and a retried append decides on it', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    await filled(store);
    const other = open(file);
    const begunElsewhere = newStream();
    await other.appendToStream(begunElsewhere, [newEvent()], { expectedRevision: 'no-stream' });
    await nextTurn();
    expect(await store.readStreamOrEmpty(begunElsewhere)).toHaveLength(1);

    // Begun by hand in the very turn the store reads it: that read may miss it, the append may not.
    await store.readStreamOrEmpty(newStream());
    const sameTurn = newStream();
    insertByHand(file, [sameTurn]);
    // The turn's data_version was read before the insert: this read takes the stream for absent.
    expect(await store.readStreamOrEmpty(sameTurn)).toEqual([]);
    await expect(
      store.appendToStream(sameTurn, [newEvent()], { expectedRevision: 'no-stream' }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStreamOrEmpty(sameTurn)).toHaveLength(1);
  });

  it('reads every stream that other connections began, however many, once it has caught up with them', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    await filled(store);
    const byHand = Array.from({ length: STREAMS_BY_HAND }, () => newStream());
    insertByHand(file, byHand);
    await nextTurn();
    expect(await store.readStreamOrEmpty(byHand[byHand.length - 1])).toHaveLength(1);
    await filled(store);

    const reads = jest.spyOn(SqliteEventLog.prototype, 'readStream');
    await expect(store.readStreamOrEmpty(newStream())).resolves.toEqual([]);
    expect(reads).not.toHaveBeenCalled();
    for (const stream of byHand) expect(await store.readStreamOrEmpty(stream)).toHaveLength(1);
  });

  it('reads every stream from the file while it has not read the log’s names, and after it closes', async () => {
    const file = join(tempDir(), 'events.db');
    const store = open(file);
    const reads = jest.spyOn(SqliteEventLog.prototype, 'readStream');
    await expect(store.readStreamOrEmpty(newStream())).resolves.toEqual([]);
    expect(reads).toHaveBeenCalledTimes(1);

    await store.close();
    await expect(store.readStreamOrEmpty(newStream())).rejects.toThrow(/closed|not open/i);
  });
});
