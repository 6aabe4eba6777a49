import type { AllStreamResolvedEvent, AppendStreamState, EventData, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { kurrentdb } from './kurrentdb-client';
import { toPosition } from './kurrentdb-positions';
import {
  AppendTooLargeError,
  StoreAccessDeniedError,
  StoreTimeoutError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
} from './event-store.errors';
import type { EventToAppend, ExpectedRevision, RecordedEvent, StreamName } from './event-store.port';

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return kurrentdb().ANY;
  if (expected === 'no-stream') return kurrentdb().NO_STREAM;
  return BigInt(expected);
}

export function toEventData(event: EventToAppend): EventData {
  return kurrentdb().jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
}

/**
 * Our revision is the event's revision in its stream (`Number` of the client's bigint). A link
 * whose target is gone has no event: `undefined`. An event whose data is not a JSON object (binary,
 * or JSON the client could not parse and passed on as a string) is still an event at its position:
 * it comes with `data: {}` and `unreadable` saying why, rather than an exception that would stop
 * the read or subscription at that position for ever.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  if (!event.position)
    throw new TypeError('KurrentDB sent an event without its position: the server must be 22.6 or later');
  const unreadable = unreadableReason(event.isJson, event.data);
  const metadata = isPlainObject(event.metadata) ? event.metadata : {};
  return {
    streamName: event.streamId,
    revision: Number(event.revision),
    position: toPosition(event.position),
    eventId: event.id,
    type: event.type,
    data: unreadable === undefined ? (event.data as Record<string, unknown>) : {},
    metadata,
    recordedAt: event.created.toISOString(),
    ...(unreadable === undefined ? {} : { unreadable }),
  };
}

function unreadableReason(isJson: boolean, data: unknown): string | undefined {
  if (!isJson) return 'not JSON: a binary event, which this store does not read';
  if (!isPlainObject(data)) return 'its JSON data is malformed or not an object';
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export function toActualRevision(state: bigint | string | undefined): number | 'no-stream' {
  return typeof state === 'bigint' ? Number(state) : 'no-stream';
}

/**
 * `CANCELLED`: the call died with its connection (a client replaced after a timeout): its outcome is
 * unknown. `UNKNOWN`: what the client's native reader (the Rust bridge) reports for a failure it
 * does not name, typically a dropped connection: treated as transient, like the others.
 */
const unavailableTypes = (): readonly string[] => {
  const { ErrorType } = kurrentdb();
  return [
    ErrorType.UNAVAILABLE,
    ErrorType.DEADLINE_EXCEEDED,
    ErrorType.TIMEOUT,
    ErrorType.NOT_LEADER,
    ErrorType.CANCELLED,
    ErrorType.UNKNOWN,
  ];
};

const tooLargeTypes = (): readonly string[] => {
  const { ErrorType } = kurrentdb();
  return [
    ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
    ErrorType.APPEND_RECORD_SIZE_EXCEEDED,
    ErrorType.TRANSACTION_MAX_SIZE_EXCEEDED,
  ];
};

/**
 * gRPC `UNAVAILABLE` (14), `DEADLINE_EXCEEDED` (4) and `CANCELLED` (1): a refused connection comes
 * as a plain Error with code 14.
 */
const UNAVAILABLE_GRPC_CODES: readonly number[] = [14, 4, 1];
const DEADLINE_EXCEEDED_CODE = 4;

/**
 * What grpc-js says of a call that never left the process: it was queued on a channel that was
 * closed (dropped, see KurrentDbConnection.dropIfNotConnected) before it had a connection, or made
 * on one already closed. Nothing reached the server: it may be made again.
 */
const NEVER_STARTED = /Channel closed before call started|Channel has been shut down/;

export const neverStarted = (error: unknown): boolean => error instanceof Error && NEVER_STARTED.test(error.message);

/**
 * Translates the client's errors into the port's: transient ones into `StoreUnavailableError` (a
 * missed deadline into `StoreTimeoutError`: whether the call took effect is unknown),
 * access denied, too large and deleted streams into their own non-retryable errors; anything
 * else passes through unchanged.
 */
export function toStoreError(error: unknown, stream?: StreamName): unknown {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return error;
  const { type, code } = error as Error & { type?: string; code?: unknown };
  const { ErrorType } = kurrentdb();
  if (type === ErrorType.STREAM_NOT_FOUND && stream !== undefined) return new StreamNotFoundError(stream);
  if (type === ErrorType.STREAM_DELETED || type === ErrorType.STREAM_TOMBSTONED) {
    return new StreamDeletedError(stream ?? streamOf(error), { cause: error });
  }
  if (type === ErrorType.ACCESS_DENIED) {
    return new StoreAccessDeniedError(`KurrentDB denied access: ${error.message || 'check the credentials'}`, {
      cause: error,
    });
  }
  if (type && tooLargeTypes().includes(type)) {
    return new AppendTooLargeError(stream, `KurrentDB refused the append as too large: ${describeSize(error)}`, {
      cause: error,
    });
  }
  if (type === ErrorType.DEADLINE_EXCEEDED || code === DEADLINE_EXCEEDED_CODE) {
    return new StoreTimeoutError(`KurrentDB gave no answer before the call's deadline: ${error.message}`, {
      cause: error,
    });
  }
  if (
    neverStarted(error) ||
    (type && unavailableTypes().includes(type)) ||
    (typeof code === 'number' && UNAVAILABLE_GRPC_CODES.includes(code))
  ) {
    return new StoreUnavailableError(`KurrentDB unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

function streamOf(error: Error): string | undefined {
  const { streamName, stream } = error as Error & { streamName?: unknown; stream?: unknown };
  const name = streamName ?? stream;
  return typeof name === 'string' ? name : undefined;
}

function describeSize(error: Error): string {
  const { maxAppendSize, maxSize, size } = error as Error & { maxAppendSize?: number; maxSize?: number; size?: number };
  const limit = maxAppendSize ?? maxSize;
  if (limit === undefined) return error.message || 'over its size limit';
  return size === undefined ? `its limit is ${limit} bytes` : `${size} bytes, its limit is ${limit} bytes`;
}
