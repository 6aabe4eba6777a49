import type Database from 'better-sqlite3';
import { isDomainError } from '@app/kernel';
import { capForYear } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { PoisonEventError, readCheckpoint, writeCheckpoint, type CatchUpHandler } from '@app/projections';
import { asPoisonEvent } from '../process-failures';
import {
  countedReceipt,
  mayBeCounted,
  numberMismatch,
  recordedInBatch,
  requireCapYear,
  type CountedReceipt,
  type RecordedInBatch,
  type RecordedNumber,
} from './intake-receipts';
import { forEachConcurrently } from '../scheduler/bounded-concurrency';
import { systemCommandId, systemContext, type ApplicationDispatch, type ProcessCause } from '../system-dispatch';

export const INTAKE_NUMBERING = 'intake-numbering';

const IN_FLIGHT = 32;

/**
 * C1–C5: numbers every principal A76 application in its Eastern receipt year, in the order the
 * log recorded them, and cancels or returns the ones past the cap at once.
 *
 * The numbers are a pure function of the global log's order: the worker numbers a batch's
 * receipts in log order from its stored per-year counters, dispatches their `AssignIntakeNumber`
 * (command id derived from the application id; sent together, so that they share the store's
 * group commits), and only then commits the counters with its checkpoint. A crash in between
 * replays the batch to the same numbers and the same command ids, which the pipeline appends
 * once; two workers compute the same numbers and their identical commands are appended once.
 * No gap, no duplicate, on any store whose global log has one total order (SQLite's position,
 * KurrentDB's `$all`).
 *
 * Workers that share one read-model database (two processes on one DATA_DIR) share the counters
 * too: an event at or before the stored checkpoint was numbered by the other one and is skipped,
 * and the counters and checkpoint only ever move forward, so neither rolls the other back.
 */
export function intakeNumberingHandler(
  db: Database.Database,
  dispatch: ApplicationDispatch,
  now: () => string,
): CatchUpHandler {
  let counters: IntakeCounters;
  return {
    name: INTAKE_NUMBERING,
    open() {
      counters = new IntakeCounters(db);
      return readCheckpoint(db, INTAKE_NUMBERING);
    },
    reactsTo: mayBeCounted,
    async handle(batch) {
      const { assignments, counted, mismatches } = counters.number(batch);
      const refused: PoisonEventError[] = [...mismatches];
      await forEachConcurrently(assignments, IN_FLIGHT, async (assignment) => {
        const refusal = await assign(dispatch, assignment, now());
        if (refusal) refused.push(refusal);
      });
      counters.commit(batch[batch.length - 1].position, counted, now());
      return refused;
    },
  };
}

type Assignment = Readonly<{ cause: RecordedEvent; receipt: CountedReceipt; number: number }>;

type NumberedBatch = Readonly<{
  assignments: Assignment[];
  counted: Map<number, number>;
  mismatches: PoisonEventError[];
}>;

/** The per-year counts of numbered applications, as of the intake checkpoint. */
class IntakeCounters {
  private readonly select: Database.Statement<[number], { counted: number }>;
  private readonly upsert: Database.Statement<[number, number]>;

  /**
   * Numbers the batch's counted receipts in log order, leaving out those a worker sharing this
   * database already numbered. A receipt with no cap year is refused before it takes a number
   * (the worker parks it and hands the batch over again without it), so the receipts after it
   * keep the numbers they get on every replay. A receipt whose number the log records otherwise
   * keeps the number it took: it is reported, not assigned.
   */
  readonly number: (batch: readonly RecordedEvent[]) => NumberedBatch;

  /** Moves the counters and the checkpoint forward together, unless a worker sharing this database is already past `position`. */
  readonly commit: (position: number, counted: ReadonlyMap<number, number>, at: string) => void;

  /** Builds both transactions once: better-sqlite3 spends ~6-7 us of CPU building each `db.transaction` wrapper. */
  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS intake_counters (year INTEGER PRIMARY KEY, counted INTEGER NOT NULL)');
    this.select = db.prepare('SELECT counted FROM intake_counters WHERE year = ?');
    this.upsert = db.prepare(
      'INSERT INTO intake_counters VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET counted = excluded.counted',
    );
    this.number = db.transaction((batch: readonly RecordedEvent[]): NumberedBatch => {
      const numberedUpTo = readCheckpoint(this.db, INTAKE_NUMBERING);
      const counted = new Map<number, number>();
      const assignments: Assignment[] = [];
      const mismatches: PoisonEventError[] = [];
      const alreadyInLog = recordedInBatch(batch);
      for (const cause of batch) {
        if (cause.position <= numberedUpTo) continue;
        const receipt = countedReceipt(cause);
        if (!receipt) continue;
        requireCapYear(cause, receipt);
        const number = (counted.get(receipt.year) ?? this.select.get(receipt.year)?.counted ?? 0) + 1;
        counted.set(receipt.year, number);
        const recorded = alreadyInLog.numbers.get(cause.streamName);
        const mismatch = recorded ? numberMismatch(cause, receipt, number, recorded) : null;
        if (mismatch) mismatches.push(mismatch);
        else if (!isAlreadyApplied(alreadyInLog, cause.streamName, receipt))
          assignments.push({ cause, receipt, number });
      }
      return { assignments, counted, mismatches };
    });
    this.commit = db.transaction((position: number, counted: ReadonlyMap<number, number>, at: string) => {
      if (readCheckpoint(this.db, INTAKE_NUMBERING) >= position) return;
      for (const [year, count] of counted) this.upsert.run(year, count);
      writeCheckpoint(this.db, INTAKE_NUMBERING, position, at);
    });
  }
}

/**
 * The number the batch records (already checked to be this worker's, C3); past the cap, only if the batch also records C5's
 * handling by this worker's own over-cap command (its id is derived from the application id).
 */
function isAlreadyApplied(recorded: RecordedInBatch, streamName: string, receipt: CountedReceipt): boolean {
  const numbered = recorded.numbers.get(streamName);
  if (numbered === undefined) return false;
  return (
    numbered.withinCap ||
    recorded.commandIds.has(systemCommandId(INTAKE_NUMBERING, overCapPurpose(receipt.applicationId)))
  );
}

/**
 * Sends one receipt's number (and C5's handling past the cap). A refusal is returned, not thrown:
 * the receipt keeps the number it took, and the worker parks it once the counters are committed.
 */
async function assign(
  dispatch: ApplicationDispatch,
  { cause, receipt, number }: Assignment,
  now: string,
): Promise<PoisonEventError | null> {
  const cap = capForYear(receipt.year)!;
  try {
    const command = { type: 'AssignIntakeNumber' as const, data: { year: receipt.year, number, cap } };
    const outcome = await dispatch(
      receipt.applicationId,
      command,
      systemContext(INTAKE_NUMBERING, `number:${receipt.applicationId}`, cause, now),
    );
    const recorded = outcome.events.find((event) => event.type === 'IntakeNumberAssigned');
    const mismatch =
      outcome.alreadyApplied && recorded
        ? numberMismatch(cause, receipt, number, recorded.data as RecordedNumber)
        : null;
    if (mismatch) return mismatch;
  } catch (error) {
    const poison = asPoisonEvent(error, cause);
    if (poison instanceof PoisonEventError) return poison;
    throw error;
  }
  if (number > cap) await handleOverCap(dispatch, cause, receipt.applicationId, now);
  return null;
}

/** C5: one command id per over-cap application, shared by the immediate handling and the sweep, so it is appended once. */
export const overCapContext = (applicationId: string, cause: ProcessCause | null, now: string) =>
  systemContext(INTAKE_NUMBERING, overCapPurpose(applicationId), cause, now);

const overCapPurpose = (applicationId: string) => `over-cap:${applicationId}`;

/** C4, C5 at once; a case withdrawn or decided in between keeps its outcome (it still counts, C2). */
async function handleOverCap(
  dispatch: ApplicationDispatch,
  cause: RecordedEvent,
  applicationId: string,
  now: string,
): Promise<void> {
  try {
    await dispatch(
      applicationId,
      { type: 'HandleOverCap', data: { at: now } },
      overCapContext(applicationId, cause, now),
    );
  } catch (error) {
    if (!isDomainError(error) || error.kind !== 'conflict') throw error;
  }
}
