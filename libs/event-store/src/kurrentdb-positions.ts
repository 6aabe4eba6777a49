import type { Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { kurrentdb } from './kurrentdb-client';

/**
 * Our position is the event's commit position in KurrentDB's transaction log: a byte offset, so it
 * is strictly increasing in commit order but not dense. Every gRPC append is its own implicit
 * transaction whose events each get their own log record, so commit equals prepare per event and
 * `{ commit: p, prepare: p }` names the event at p again. Only this application's streams are read
 * (see CASE_LEDGER_STREAM_PREFIXES) and it appends through gRPC only, so the events it reads never
 * share a commit position (events of a legacy TCP transaction would, and are not supported).
 *
 * What `after` may be: 0, or a position this store returned. The server (AllReader, KurrentDB 25)
 * repositions its log reader at the commit position and reads a record there: in a scavenged
 * chunk it finds the closest record forward, but in the active, unscavenged chunk it reads the
 * bytes at that offset as a record, and an offset inside a record fails its length checks
 * (`InvalidReadException`): the read fails, it does not return wrong events. Events at exactly
 * `after` come back (the server's bound is inclusive) and are dropped by the callers here, so
 * "events whose commit position is greater than `after`" holds for every position the store returned.
 */
export function toReadPosition(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) {
    throw new RangeError(`Position ${after} is not a log position: it must be an integer from 0 to 2^53 - 1`);
  }
  return after === 0 ? kurrentdb().START : { commit: BigInt(after), prepare: BigInt(after) };
}

/**
 * A commit position as our number. Offsets beyond 2^53 - 1 (8 PiB of log) would lose precision and
 * could compare equal: refused rather than rounded.
 */
export function toPosition(position: Position): number {
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER) || position.commit < 0n) {
    throw new RangeError(
      `KurrentDB position ${position.commit} is beyond 2^53 - 1: this store cannot number events past 8 PiB of log`,
    );
  }
  return Number(position.commit);
}
