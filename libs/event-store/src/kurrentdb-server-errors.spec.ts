import {
  AppendTooLargeError,
  StoreAccessDeniedError,
  StoreTimeoutError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
} from './event-store.errors';
import type { EventStore } from './event-store.port';
import { newEvent, newStream } from './testing/event-store-fixtures.contract';
import type { FakeFailure } from './testing/fake-kurrentdb-messages.contract';
import { useFakeKurrentDb } from './testing/fake-kurrentdb-store.contract';

/** Long enough that a loaded machine answers the server-features request; two tests wait it once. */
const TIMEOUT_MS = 1000;

/** gRPC status codes, as KurrentDB answers with them. */
const code = { UNKNOWN: 2, INVALID_ARGUMENT: 3, PERMISSION_DENIED: 7, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 };

const denied: FakeFailure = {
  code: code.PERMISSION_DENIED,
  details: 'Access denied',
  trailers: { exception: 'access-denied' },
};
const deleted: FakeFailure = {
  code: code.FAILED_PRECONDITION,
  details: 'Event stream contract-gone is deleted.',
  trailers: { exception: 'stream-deleted', 'stream-name': 'contract-gone' },
};
const tooLarge: FakeFailure = {
  code: code.INVALID_ARGUMENT,
  details: 'Maximum Append Size of 1048576 Exceeded.',
  trailers: { exception: 'maximum-append-size-exceeded', 'maximum-append-size': '1048576' },
};
const unavailable: FakeFailure = { code: code.UNAVAILABLE, details: 'Server Is Not Ready' };
const unknown: FakeFailure = { code: code.UNKNOWN, details: 'connection reset' };

const append = (store: EventStore) => store.appendToStream('contract-gone', [newEvent()], { expectedRevision: 'any' });
const readStream = (store: EventStore) => store.readStream('contract-gone');
const readAll = (store: EventStore) => store.readAll({ after: 0, limit: 10 });

describe("KurrentDbEventStore turns the server's failures, through the real client, into the port's errors", () => {
  const kurrent = useFakeKurrentDb(TIMEOUT_MS);

  it.each([
    ['access denied on a read of the log', 'reads', denied, readAll, StoreAccessDeniedError],
    ['access denied on an append', 'appends', denied, append, StoreAccessDeniedError],
    ['a deleted stream on a read', 'reads', deleted, readStream, StreamDeletedError],
    ['a deleted stream on an append', 'appends', deleted, append, StreamDeletedError],
    ['an append over the maximum size', 'appends', tooLarge, append, AppendTooLargeError],
    ['an unavailable server on a read', 'reads', unavailable, readAll, StoreUnavailableError],
    ['an unavailable server on an append', 'appends', unavailable, append, StoreUnavailableError],
    ['an unnamed failure (UNKNOWN) on a read', 'reads', unknown, readStream, StoreUnavailableError],
    ['no answer to a read', 'reads', 'silent', readAll, StoreTimeoutError],
    ['no answer to an append', 'appends', 'silent', append, StoreTimeoutError],
  ] as const)('maps %s', async (_, kind, reply, operation, expected) => {
    kurrent.server[kind] = reply;

    const failure = await operation(kurrent.store).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure?.constructor).toBe(expected);
  });

  it('names the stream of a deleted stream and the limit of a too-large append', async () => {
    kurrent.server.appends = deleted;
    await expect(append(kurrent.store)).rejects.toMatchObject({ stream: 'contract-gone' });
    kurrent.server.appends = tooLarge;
    await expect(append(kurrent.store)).rejects.toMatchObject({ message: expect.stringContaining('1048576 bytes') });
  });

  it('maps a read of a stream the server does not have to StreamNotFoundError naming it', async () => {
    const stream = newStream();

    await expect(kurrent.store.readStream(stream)).rejects.toEqual(new StreamNotFoundError(stream));
  });
});
