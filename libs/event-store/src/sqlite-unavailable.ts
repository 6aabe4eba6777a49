import { StoreUnavailableError } from './event-store.errors';

/**
 * SQLite result codes (primary or extended, e.g. `SQLITE_IOERR_WRITE`) that mean "the store cannot
 * serve this now, try again later" rather than "this operation is wrong", with the cause they name.
 */
const UNAVAILABLE_CAUSES: ReadonlyArray<readonly [code: RegExp, cause: string]> = [
  [/^SQLITE_FULL\b/, 'is full'],
  [/^SQLITE_READONLY/, 'is read-only'],
  [/^SQLITE_IOERR/, 'could not read or write its file'],
  [/^SQLITE_CANTOPEN/, 'cannot open its file'],
  [/^SQLITE_(BUSY|LOCKED)/, 'is locked by another writer'],
];

/**
 * Turns an SQLite failure of `store` (any of our SQLite files) that a retry can outlive into a `StoreUnavailableError` naming its cause,
 * and leaves anything else unchanged. The file path stays out of the message: it reaches HTTP clients.
 */
export function toStoreUnavailable(error: unknown, store = 'the event store'): unknown {
  const cause = unavailableCauseOf(error);
  if (!cause) return error;
  return new StoreUnavailableError(`${store} ${cause} (${sqliteCodeOf(error)}: ${(error as Error).message})`, {
    cause: error,
  });
}

/** Runs an operation on the event store's file: a failure a retry can outlive is thrown as `StoreUnavailableError`. */
export function guarded<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw toStoreUnavailable(error);
  }
}

/** `guarded` for an operation under way (the WAL's fsync, say). */
export async function guardedAsync(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    throw toStoreUnavailable(error);
  }
}

/** An SQLite failure a retry can outlive (full, read-only, I/O, cannot open, locked): the file is at fault, not the operation. */
export const isSqliteUnavailable = (error: unknown): boolean => unavailableCauseOf(error) !== undefined;

/** A row refused by a unique index or primary key: the statement (or its savepoint) stored nothing. */
export const isUniqueViolation = (error: unknown): boolean =>
  /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(sqliteCodeOf(error) ?? '');

function unavailableCauseOf(error: unknown): string | undefined {
  const code = sqliteCodeOf(error);
  return code === undefined ? undefined : UNAVAILABLE_CAUSES.find(([pattern]) => pattern.test(code))?.[1];
}

/**
 * By code, not `instanceof SqliteError`: the native addon keeps the error class of the first copy
 * of better-sqlite3 loaded in the process, and jest loads one copy per test file.
 */
function sqliteCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
