import type Database from 'better-sqlite3';
import { isDomainError } from '@app/kernel';
import { APPLICATION_STREAM_CATEGORY, duplicateKeys, type ApplicationReceived } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { readCheckpoint, writeCheckpoint, type CatchUpHandler, type ReactionCause } from '@app/projections';
import { asPoisonEvent } from '../process-failures';
import { systemContext, type ApplicationDispatch } from '../system-dispatch';

export const POSSIBLE_DUPLICATES = 'possible-duplicates';
const INDEX_TABLE = 'duplicate_keys_v1';

type Receipt = Readonly<{ applicationId: string; keys: readonly string[] }>;
/** The application a key was first seen on, by log position. */
type FirstSeen = Readonly<{ key: string; applicationId: string; position: number }>;

/**
 * C6 [INF]: keeps a durable index of duplicate keys (passport, CSQ number) to the first principal
 * application that carried each, in log order, and flags a later application sharing a key as a
 * possible duplicate of the earliest such application. Family members do not count against the
 * cap (C2) and are not indexed.
 *
 * The flag is dispatched before the index and checkpoint commit, under a command id derived from
 * the application id: a replay after a crash, or a second worker, finds the same first application
 * and sends the same command, which the pipeline appends once. Index rows keep the lowest position,
 * so workers sharing one database agree on "first".
 */
export function possibleDuplicatesHandler(
  db: Database.Database,
  dispatch: ApplicationDispatch,
  now: () => string,
): CatchUpHandler {
  let index: DuplicateIndex;
  return {
    name: POSSIBLE_DUPLICATES,
    open() {
      index = new DuplicateIndex(db);
      return readCheckpoint(db, POSSIBLE_DUPLICATES);
    },
    reactsTo: isPrincipalReceipt,
    handle: (batch) => flagAndIndex(batch),
    /** The index keeps the lowest position and the checkpoint only moves forward: one event handled late is handled as in order. */
    retry: (event) => flagAndIndex([event]),
  };

  async function flagAndIndex(batch: readonly RecordedEvent[]): Promise<void> {
    const receipts = batch.map(readReceipt);
    const seen = index.batch(receipts.flatMap((read) => (read instanceof Unreadable || !read ? [] : read.keys)));
    for (const [at, event] of batch.entries()) {
      try {
        const receipt = receipts[at];
        if (receipt instanceof Unreadable) throw receipt.error;
        if (!receipt) continue;
        const earliest = earliestOther(receipt, seen.firstSeen, event.position);
        if (earliest) await flag(dispatch, event, receipt.applicationId, earliest, now());
        seen.add(receipt, event.position);
      } catch (error) {
        throw asPoisonEvent(error, event);
      }
    }
    seen.commit(batch[batch.length - 1].position, now());
  }
}

/**
 * The key index, read through the keys a batch added: they commit with the checkpoint at the end
 * of the batch. A crash before that replays the batch to the same flags and the same command ids.
 */
class DuplicateIndex {
  /** Every key of a batch in one statement (a JSON array of keys), not one SELECT per key. */
  private readonly select: Database.Statement<[string], FirstSeen>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  /** Built once: better-sqlite3 spends ~6-7 us of CPU building each `db.transaction` wrapper. */
  private readonly commit: (added: ReadonlyMap<string, FirstSeen>, position: number, at: string) => void;

  constructor(private readonly db: Database.Database) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${INDEX_TABLE} (key TEXT PRIMARY KEY, application_id TEXT NOT NULL, position INTEGER NOT NULL)`,
    );
    this.select = db.prepare(
      `SELECT key, application_id AS applicationId, position FROM ${INDEX_TABLE} WHERE key IN (SELECT value FROM json_each(?))`,
    );
    this.upsert = db.prepare(
      `INSERT INTO ${INDEX_TABLE} VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET
       application_id = excluded.application_id, position = excluded.position WHERE excluded.position < ${INDEX_TABLE}.position`,
    );
    this.commit = db.transaction((added: ReadonlyMap<string, FirstSeen>, position: number, at: string) => {
      for (const seen of added.values()) this.upsert.run(seen.key, seen.applicationId, seen.position);
      if (readCheckpoint(this.db, POSSIBLE_DUPLICATES) < position)
        writeCheckpoint(this.db, POSSIBLE_DUPLICATES, position, at);
    });
  }

  /** `keys`: those the batch's receipts carry, looked up together as the batch starts. */
  batch(keys: readonly string[]) {
    const stored = new Map<string, FirstSeen>();
    if (keys.length > 0) for (const row of this.select.all(JSON.stringify(keys))) stored.set(row.key, row);
    const added = new Map<string, FirstSeen>();
    return {
      firstSeen: (key: string): FirstSeen | undefined => earlier(stored.get(key), added.get(key)),
      add: (receipt: Receipt, position: number) => {
        for (const key of receipt.keys)
          if (!added.has(key)) added.set(key, { key, applicationId: receipt.applicationId, position });
      },
      commit: (position: number, at: string) => this.commit(added, position, at),
    };
  }
}

const earlier = (a: FirstSeen | undefined, b: FirstSeen | undefined): FirstSeen | undefined =>
  a === undefined || (b !== undefined && b.position < a.position) ? b : a;

/** A receipt counted against the cap (C2): the only events this process may flag a case on. */
function isPrincipalReceipt(event: ReactionCause): boolean {
  if (event.type !== 'ApplicationReceived' || !event.streamName.startsWith(`${APPLICATION_STREAM_CATEGORY}-`))
    return false;
  return (event.data as Partial<ApplicationReceived['data']> | null)?.countsAgainstCap === true;
}

function principalReceipt(event: RecordedEvent): Receipt | null {
  if (!isPrincipalReceipt(event)) return null;
  const { applicationId, submission } = event.data as ApplicationReceived['data'];
  return { applicationId, keys: duplicateKeys(submission) };
}

/** What reading a receipt threw: thrown when its turn in the batch comes, so the events before it are flagged first. */
class Unreadable {
  constructor(readonly error: unknown) {}
}

function readReceipt(event: RecordedEvent): Receipt | Unreadable | null {
  try {
    return principalReceipt(event);
  } catch (error) {
    return new Unreadable(error);
  }
}

/** The earliest other application that first carried one of these keys before this receipt. */
function earliestOther(
  receipt: Receipt,
  firstSeen: (key: string) => FirstSeen | undefined,
  position: number,
): FirstSeen | null {
  const others = receipt.keys
    .map(firstSeen)
    .filter(
      (seen): seen is FirstSeen =>
        seen !== undefined && seen.applicationId !== receipt.applicationId && seen.position < position,
    );
  return others.reduce<FirstSeen | undefined>(earlier, undefined) ?? null;
}

/** A refusal of kind `conflict` means the case already carries its flag; any other refusal is the receipt's (it is parked). */
async function flag(
  dispatch: ApplicationDispatch,
  cause: RecordedEvent,
  applicationId: string,
  first: FirstSeen,
  now: string,
): Promise<void> {
  const command = {
    type: 'FlagPossibleDuplicate' as const,
    data: { duplicateOfApplicationId: first.applicationId, key: first.key },
  };
  try {
    await dispatch(
      applicationId,
      command,
      systemContext(POSSIBLE_DUPLICATES, `duplicate:${applicationId}`, cause, now),
    );
  } catch (error) {
    if (!isDomainError(error) || error.kind !== 'conflict') throw error;
  }
}
