import type Database from 'better-sqlite3';
import { assertNever } from '@app/kernel';
import {
  APPLICATION_STREAM_CATEGORY,
  applicationDecider,
  automaticLetterDue,
  isApplicationEventType,
  type ApplicationEvent,
  type ApplicationState,
} from '@app/domain';
import { asStoredShape } from '@app/application';
import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '@app/projections';
import type { ProcessCause } from '../system-dispatch';

export const DUE_TIMERS_TABLE = 'due_timers_v1';
const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/**
 * `awaiting-intake`: a principal's timer waits for its intake number, because the BIL of an
 * over-cap application must never be sent (C5) and only the number tells; `armed`: fires when
 * due; `ended`: issued, cancelled, or the case closed (kept, so a replayed receipt cannot re-arm it).
 */
export type TimerState = 'awaiting-intake' | 'armed' | 'ended';

/** What an event does to an application's timer. */
type TimerEffect = 'arm' | 'end' | 'none';

/**
 * B1: the due-timers read model, one row per application owed an automatic BIL, due 24 hours
 * after receipt. Derived from events only, so timers survive restarts and rebuild from the log.
 */
export const dueTimersProjection: Projection = {
  name: 'due-timers',

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${DUE_TIMERS_TABLE} (
      application_id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      due_at TEXT NOT NULL,
      state TEXT NOT NULL,
      cause_event_id TEXT NOT NULL,
      correlation_id TEXT)`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${DUE_TIMERS_TABLE}_due ON ${DUE_TIMERS_TABLE} (state, due_at)`);
  },

  reset(db) {
    prepared.delete(db);
    db.exec(`DROP TABLE IF EXISTS ${DUE_TIMERS_TABLE}`);
  },

  apply(db, event) {
    if (!event.streamName.startsWith(STREAM_PREFIX) || !isApplicationEventType(event.type)) return;
    const domainEvent = asStoredShape<ApplicationEvent>(event);
    const statements = statementsOf(db);
    if (domainEvent.type === 'ApplicationReceived') return startTimer(statements, event, domainEvent);
    const applicationId = event.streamName.slice(STREAM_PREFIX.length);
    const row = statements.select.get(applicationId);
    if (!row || event.revision <= row.revision) return;
    const state = nextState(row.state, timerEffect(domainEvent));
    if (state === row.state) statements.moveRevision.run(event.revision, row.rowid);
    else statements.update.run(event.revision, state, row.rowid);
  },
};

/**
 * The row is updated by its rowid, found by the select (not through the key's index a second
 * time), and its state only when it changes: SQLite rewrites the `(state, due_at)` index entry of
 * every row whose UPDATE sets `state`, and most events (a receipt's number, its cancellation past
 * the cap, a letter) leave an ended or armed timer as it is.
 */
type Statements = Readonly<{
  select: Database.Statement<[string], { rowid: number; revision: number; state: TimerState }>;
  insert: Database.Statement<[string, number, string, TimerState, string, string | null]>;
  update: Database.Statement<[number, TimerState, number]>;
  moveRevision: Database.Statement<[number, number]>;
}>;

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(db: Database.Database): Statements {
  let statements = prepared.get(db);
  if (!statements) {
    statements = {
      select: db.prepare(`SELECT rowid, revision, state FROM ${DUE_TIMERS_TABLE} WHERE application_id = ?`),
      insert: db.prepare(`INSERT OR IGNORE INTO ${DUE_TIMERS_TABLE} VALUES (?, ?, ?, ?, ?, ?)`),
      update: db.prepare(`UPDATE ${DUE_TIMERS_TABLE} SET revision = ?, state = ? WHERE rowid = ?`),
      moveRevision: db.prepare(`UPDATE ${DUE_TIMERS_TABLE} SET revision = ? WHERE rowid = ?`),
    };
    prepared.set(db, statements);
  }
  return statements;
}

function startTimer(statements: Statements, recorded: RecordedEvent, received: ApplicationEvent): void {
  const state: ApplicationState = applicationDecider.evolve(applicationDecider.initialState(), received);
  const dueAt = automaticLetterDue(state);
  if (state.status === 'new' || dueAt === null) return;
  const cause: ProcessCause = recorded;
  const correlationId = typeof cause.metadata.correlationId === 'string' ? cause.metadata.correlationId : null;
  const initial: TimerState = state.countsAgainstCap ? 'awaiting-intake' : 'armed';
  statements.insert.run(state.applicationId, recorded.revision, dueAt, initial, cause.eventId, correlationId);
}

function nextState(current: TimerState, effect: TimerEffect): TimerState {
  if (current === 'ended' || effect === 'none') return current;
  return effect === 'end' ? 'ended' : 'armed';
}

/** B1, C5, R2, R3: which events arm the timer (a number within the cap) and which end it. */
function timerEffect(event: ApplicationEvent): TimerEffect {
  switch (event.type) {
    case 'IntakeNumberAssigned':
      return event.data.withinCap ? 'arm' : 'end';
    case 'BiometricInstructionLetterIssued':
    case 'BiometricInstructionLetterCancelled':
    case 'ApplicationCancelledOverCap':
    case 'ApplicationReturnedOverCap':
    case 'ApplicationWithdrawn':
    case 'ApplicationClosedWithPrincipal':
    case 'ApplicationApproved':
    case 'ApplicationRefused':
    case 'WorkPermitIssued':
      return 'end';
    case 'ApplicationReceived':
    case 'BiometricsEnrolled':
    case 'InformationRequested':
    case 'InformationReceived':
    case 'InformationRequestOverdue':
    case 'ExtensionRequested':
    case 'ExtensionApproved':
    case 'ExtensionRefused':
    case 'PossibleDuplicateFlagged':
    case 'IntakeCapReached':
    case 'MedicalResultRecorded':
    case 'WorkPermitCancelled':
    case 'DecisionSetAside':
    case 'CaseNoteAdded':
    case 'ApplicantDetailsCorrected':
      return 'none';
    default:
      return assertNever(event, 'application event');
  }
}
