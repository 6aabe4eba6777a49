import type { ExpectedRevision, StreamName } from './event-store.port';

/** The stream's current revision is not the one the appender expected: nothing was appended. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    readonly stream: StreamName,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `'no-stream'`. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${stream}: expected revision ${expected}, actual ${actual}`);
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';

  constructor(readonly stream: StreamName) {
    super(`Stream ${stream} not found`);
  }
}

/** The store did not answer in time or refused the connection; the operation may be retried. */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The store gave no answer within our timeout: whether the operation took effect is unknown. */
export class StoreTimeoutError extends StoreUnavailableError {
  override readonly name = 'StoreTimeoutError';
}

/**
 * The event id is already stored somewhere this append would not put it (another stream, another
 * revision, or twice in the append): nothing was appended. A retry of an earlier append is not this:
 * it succeeds with the original result.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';

  constructor(
    readonly stream: StreamName,
    readonly eventId: string,
  ) {
    super(`Stream ${stream}: event id ${eventId} is already stored elsewhere`);
  }
}

/**
 * The store refused this application's credentials for the call (reading `$all` on a secured
 * KurrentDB needs an admin or `$ops` user): a deployment fault, and retrying will not help.
 */
export class StoreAccessDeniedError extends Error {
  override readonly name = 'StoreAccessDeniedError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The append is larger than the store accepts in one write (or one event is): nothing was appended. */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';

  constructor(
    readonly stream: StreamName | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The stream was deleted (or tombstoned) in the store: it can be neither read nor appended to. */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';

  constructor(
    readonly stream: StreamName | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Stream ${stream ?? '(unknown)'} is deleted`, options);
  }
}
