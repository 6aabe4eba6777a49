import {
  KurrentDBClient,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { StoreUnavailableError, WrongExpectedRevisionError } from './event-store.errors';
import { KurrentDbConnection } from './kurrentdb-connection';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { KurrentDbReader } from './kurrentdb-reads';
import { toStoreError } from './kurrentdb-mapping';
import { newEvent } from './testing/event-store-fixtures.contract';

const created = new Date('2025-03-01T17:00:00.000Z');

function resolved(
  streamId: string,
  revision: number,
  position: number,
  type = 'ThingHappened',
): AllStreamResolvedEvent {
  const event = {
    streamId,
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    isJson: true,
    revision: BigInt(revision),
    type,
    created,
    data: { revision },
    metadata: { source: 'test' },
    position: { commit: BigInt(position), prepare: BigInt(position) },
  };
  return { event } as unknown as AllStreamResolvedEvent;
}

/** The client's calls (and our reads over its channel), replaced: these tests check our translation, not the server. */
describe('KurrentDbEventStore translation of the client', () => {
  let store: KurrentDbEventStore;
  beforeEach(() => {
    jest.spyOn(KurrentDbConnection.prototype, 'serverFeatures').mockResolvedValue();
    store = new KurrentDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMs: 500 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it.each([
    [3n, 3],
    ['no_stream', 'no-stream'],
  ] as const)(
    'turns WrongExpectedVersionError with actual %p into WrongExpectedRevisionError',
    async (current, actual) => {
      jest
        .spyOn(KurrentDBClient.prototype, 'appendToStream')
        .mockRejectedValue(new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 1n, current }));

      const failure = store.appendToStream('s-1', [newEvent()], { expectedRevision: 1 });

      await expect(failure).rejects.toThrow(WrongExpectedRevisionError);
      await expect(failure).rejects.toMatchObject({ stream: 's-1', expected: 1, actual });
    },
  );

  it('passes the expected revision to the client as its stream state', async () => {
    const append = jest
      .spyOn(KurrentDBClient.prototype, 'appendToStream')
      .mockResolvedValue({ success: true, nextExpectedRevision: 0n, position: { commit: 7n, prepare: 7n } });

    await store.appendToStream('s-1', [newEvent()], { expectedRevision: 'no-stream' });
    await store.appendToStream('s-1', [newEvent()], { expectedRevision: 'any' });
    await store.appendToStream('s-1', [newEvent()], { expectedRevision: 4 });

    expect(append.mock.calls.map(([, , options]) => options?.streamState)).toEqual(['no_stream', 'any', 4n]);
  });

  it('finds the original position when the server recognised a retry and sent none', async () => {
    const retried: ClientAppendResult = { success: true, nextExpectedRevision: 1n, position: undefined };
    jest.spyOn(KurrentDBClient.prototype, 'appendToStream').mockResolvedValue(retried);
    const read = jest.spyOn(KurrentDbReader.prototype, 'stream').mockResolvedValue([resolved('s-1', 1, 4242)]);

    const result = await store.appendToStream('s-1', [newEvent(), newEvent()], { expectedRevision: 'no-stream' });

    expect(result).toEqual({ nextExpectedRevision: 1, position: 4242 });
    expect(read).toHaveBeenCalledWith({ stream: 's-1', fromRevision: 1, maxCount: 1 }, expect.any(Number));
  });

  it('reads the log strictly after a position, as numbers, leaving out unresolved links', async () => {
    const readAll = jest
      .spyOn(KurrentDbReader.prototype, 'all')
      .mockResolvedValue([
        resolved('application-1', 0, 100),
        {},
        resolved('parking-1', 0, 250),
        resolved('application-1', 1, 400),
      ]);

    const events = await store.readAll({ after: 100, limit: 10 });

    expect(readAll).toHaveBeenCalledWith(
      expect.objectContaining({ from: { commit: 100n, prepare: 100n }, maxCount: 11 }),
      expect.any(Number),
    );
    expect(events).toEqual([
      expect.objectContaining({
        streamName: 'parking-1',
        revision: 0,
        position: 250,
        recordedAt: created.toISOString(),
      }),
      expect.objectContaining({ streamName: 'application-1', revision: 1, position: 400, data: { revision: 1 } }),
    ]);
    expect(events[1].metadata).toEqual({ source: 'test' });
  });

  it('reads a stream up to toRevision inclusive', async () => {
    const read = jest
      .spyOn(KurrentDbReader.prototype, 'stream')
      .mockResolvedValue([resolved('s-1', 2, 20), resolved('s-1', 3, 30)] as ResolvedEvent[]);

    const events = await store.readStream('s-1', { fromRevision: 2, toRevision: 3 });

    expect(read).toHaveBeenCalledWith({ stream: 's-1', fromRevision: 2, maxCount: 2 }, expect.any(Number));
    expect(events.map((event) => event.revision)).toEqual([2, 3]);
  });

  it('reads a binary event as an unreadable event at its position, instead of failing the read', async () => {
    const binary = resolved('s-1', 0, 10);
    jest
      .spyOn(KurrentDbReader.prototype, 'stream')
      .mockResolvedValue([
        { event: { ...binary.event, isJson: false, data: new Uint8Array([1, 2]) } } as ResolvedEvent,
      ]);

    const [event] = await store.readStream('s-1');

    expect(event).toMatchObject({ position: 10, data: {}, unreadable: expect.stringMatching(/not JSON/) });
  });
});

describe('toStoreError', () => {
  const grpcError = (code: number, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection (UNAVAILABLE)', grpcError(14, 'No connection established')],
    ['a deadline (DEADLINE_EXCEEDED)', grpcError(4, 'Deadline exceeded')],
    ['a call cancelled with its connection (CANCELLED)', grpcError(1, 'Call cancelled')],
    ['a call made on a channel already closed (it never started)', new Error('Channel has been shut down')],
  ])('turns %s into StoreUnavailableError', (_, error) => {
    expect(toStoreError(error)).toBeInstanceOf(StoreUnavailableError);
  });

  it('leaves an error that says the request is wrong unchanged', () => {
    const invalid = grpcError(3, 'Invalid argument');

    expect(toStoreError(invalid)).toBe(invalid);
  });
});
