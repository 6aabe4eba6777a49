import {
  AccessDeniedError,
  MaxAppendSizeExceededError,
  StreamDeletedError as ClientStreamDeletedError,
  UnknownError,
  convertToCommandError,
} from '@kurrent/kurrentdb-client';
import {
  AppendTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
} from './event-store.errors';
import { toStoreError } from './kurrentdb-mapping';

type ServiceError = ConstructorParameters<typeof UnknownError>[0];

/** gRPC status codes (grpc-js `status`), which the client reads off a failed call. */
const status = { INVALID_ARGUMENT: 3, PERMISSION_DENIED: 7, FAILED_PRECONDITION: 9, UNAUTHENTICATED: 16 } as const;

/**
 * A failed gRPC call as grpc-js reports it: a numeric `code` and trailers, of which the client reads
 * `exception` (and `stream-name`, `maximum-append-size`) through `metadata.getMap()`.
 */
function serviceError(code: number, trailers: Record<string, string>, message: string): Error {
  return Object.assign(new Error(message), { code, details: message, metadata: { getMap: () => trailers } });
}

/** Errors of the native reader (the Rust bridge): plain Errors that the client wraps by name. */
const bridgeError = (name: string, message: string): ServiceError =>
  Object.assign(new Error(message), { name, metadata: {} }) as unknown as ServiceError;

describe('toStoreError of the client errors the port names', () => {
  it('turns access denied (a gRPC call) into StoreAccessDeniedError', () => {
    const denied = convertToCommandError(
      serviceError(status.PERMISSION_DENIED, { exception: 'access-denied' }, 'Access denied'),
    );

    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect(toStoreError(denied)).toBeInstanceOf(StoreAccessDeniedError);
  });

  it('turns access denied from the native reader (reading $all unauthorised) into StoreAccessDeniedError', () => {
    const denied = new AccessDeniedError(bridgeError('AccessDeniedError', 'Access denied to $all'));

    expect(toStoreError(denied)).toEqual(expect.any(StoreAccessDeniedError));
    expect(toStoreError(denied)).not.toBeInstanceOf(StoreUnavailableError);
  });

  it('turns an unauthenticated call into StoreAccessDeniedError', () => {
    const unauthenticated = convertToCommandError(serviceError(status.UNAUTHENTICATED, {}, 'Bad credentials'));

    expect(toStoreError(unauthenticated)).toBeInstanceOf(StoreAccessDeniedError);
  });

  it('turns an append over the maximum size into AppendTooLargeError naming the limit', () => {
    const tooLarge = convertToCommandError(
      serviceError(
        status.INVALID_ARGUMENT,
        { exception: 'maximum-append-size-exceeded', 'maximum-append-size': '1048576' },
        'Maximum Append Size of 1048576 Exceeded.',
      ),
    );

    expect(tooLarge).toBeInstanceOf(MaxAppendSizeExceededError);
    const mapped = toStoreError(tooLarge, 'application-1');
    expect(mapped).toBeInstanceOf(AppendTooLargeError);
    expect(mapped).toMatchObject({ stream: 'application-1', message: expect.stringContaining('1048576 bytes') });
  });

  it('turns a deleted stream, from a gRPC call or from the native reader, into StreamDeletedError', () => {
    const fromCall = convertToCommandError(
      serviceError(status.FAILED_PRECONDITION, { exception: 'stream-deleted', 'stream-name': 'application-9' }, 'gone'),
    );
    const fromReader = ClientStreamDeletedError.fromStreamName('application-9');

    expect(fromCall).toBeInstanceOf(ClientStreamDeletedError);
    expect(toStoreError(fromCall)).toEqual(expect.any(StreamDeletedError));
    expect(toStoreError(fromCall)).toMatchObject({ stream: 'application-9' });
    expect(toStoreError(fromReader, 'application-9')).toMatchObject({ stream: 'application-9' });
  });

  it("turns the native reader's UnknownError (a failure it does not name) into StoreUnavailableError", () => {
    const unknown = new UnknownError(bridgeError('ConnectionResetError', 'connection reset by peer'));

    expect(toStoreError(unknown)).toBeInstanceOf(StoreUnavailableError);
  });
});
