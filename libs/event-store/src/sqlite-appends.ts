import type Database from 'better-sqlite3';
import { planAppend, plannedNewWrite } from './append-plan';
import type { AppendResult, EventToAppend, ExpectedRevision, RecordedEvent, StreamName } from './event-store.port';
import type { SqliteEventLog } from './sqlite-event-log';
import { isUniqueViolation } from './sqlite-unavailable';

/** An append decided and written in a group's transaction: its result, and the events it stored (none for a retry). */
export type AppendOutcome = Readonly<{ result: AppendResult; appended: readonly RecordedEvent[] }>;

/** The SQLite store's appends, each decided and written inside the group commit's transaction. */
export class SqliteAppends {
  /** Runs a work in a savepoint of its own (inside the group's transaction), wrapped once. */
  private readonly inSavepoint: Database.Transaction<(work: () => RecordedEvent[]) => RecordedEvent[]>;

  constructor(
    db: Database.Database,
    private readonly log: SqliteEventLog,
    private readonly now: () => Date,
  ) {
    this.inSavepoint = db.transaction((work) => work());
  }

  /**
   * Most appends hold their expectation, on a stream the filter knows to be new or whose last
   * revision is read here: they are written without looking their event ids up (`plannedNewWrite`).
   * What that decision could not see (a stream another process began, an id stored elsewhere) the
   * unique indexes refuse, storing nothing, and the append is decided again from the file.
   */
  inTransaction(
    stream: StreamName,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    mayExist: boolean,
  ): AppendOutcome {
    const known = mayExist ? this.log.lastRevision(stream) : undefined;
    const firstRevision = plannedNewWrite(stream, events, expected, known);
    if (firstRevision !== null) {
      try {
        return this.written(stream, events, firstRevision);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const current = this.log.lastRevision(stream);
    const plan = planAppend(stream, events, expected, current, (eventId) => this.log.findEvent(eventId));
    if (plan.kind === 'already-appended') return { result: plan.result, appended: [] };
    return this.written(stream, events, plan.firstRevision);
  }

  private written(stream: StreamName, events: readonly EventToAppend[], firstRevision: number): AppendOutcome {
    const recordedAt = this.now().toISOString();
    const insertAll = () =>
      events.map((event, index) => this.log.insert(stream, firstRevision + index, event, recordedAt));
    /** The group commit needs a work to store all or nothing: one INSERT is, several take a savepoint. */
    const appended = events.length === 1 ? insertAll() : this.inSavepoint(insertAll);
    const nextExpectedRevision = firstRevision + events.length - 1;
    return { result: { nextExpectedRevision, position: appended[appended.length - 1].position }, appended };
  }
}
