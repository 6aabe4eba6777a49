import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@app/event-store';

/**
 * `parked`: a worker could not handle the event and passes over it.
 * `retried`: an operator sent it back to its worker (it is parked again if it still fails).
 * `skipped`: an operator decided, with a reason, that the worker passes over it for good.
 */
export type ParkedState = 'parked' | 'retried' | 'skipped';

/** An event one worker (a read model or a process) could not handle, with the error it gave. */
export type ParkedEvent = Readonly<{
  id: number;
  handler: string;
  position: number;
  eventId: string;
  streamName: string;
  type: string;
  error: string;
  parkedAt: string;
  /** How many times it was parked: 1, plus one for every retry that failed again. */
  attempts: number;
  state: ParkedState;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reason: string | null;
}>;

/** What is parked: an event of the log, or for a scheduled job the event that armed its timer. */
export type ParkedItem = Pick<RecordedEvent, 'eventId' | 'position' | 'streamName' | 'type'>;

export type Resolution = Readonly<{ state: Exclude<ParkedState, 'parked'>; by: string; reason: string; at: string }>;

type Row = Omit<ParkedEvent, never>;

const COLUMNS = `id, handler, position, event_id AS eventId, stream_name AS streamName, type, error, parked_at AS parkedAt,
  attempts, state, resolved_at AS resolvedAt, resolved_by AS resolvedBy, reason`;

/**
 * DESIGN.md "No single event can stop a process or a projection": the durable dead-letter list,
 * kept in the read-model database beside the checkpoints of the workers it serves. One row per
 * worker and event; parking it again (after a failed retry) counts another attempt.
 */
export class ParkedEvents {
  private readonly insert: Database.Statement<[string, number, string, string, string, string, string]>;
  private readonly byId: Database.Statement<[number], Row>;
  private readonly passedOverIds: Database.Statement<[string], { eventId: string }>;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS parked_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT, handler TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL,
      stream_name TEXT NOT NULL, type TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 1, state TEXT NOT NULL, resolved_at TEXT, resolved_by TEXT, reason TEXT,
      UNIQUE (handler, event_id))`);
    this.insert =
      db.prepare(`INSERT INTO parked_events (handler, position, event_id, stream_name, type, error, parked_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'parked')
      ON CONFLICT (handler, event_id) DO UPDATE SET error = excluded.error, parked_at = excluded.parked_at,
        attempts = attempts + 1, state = 'parked', resolved_at = NULL, resolved_by = NULL, reason = NULL`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM parked_events WHERE id = ?`);
    this.passedOverIds = db.prepare(
      `SELECT event_id AS eventId FROM parked_events WHERE handler = ? AND state IN ('parked', 'skipped')`,
    );
  }

  /** Records that `handler` passes over `event`, because of `error`; returns the row. */
  park(handler: string, event: ParkedItem, error: string, at: string): ParkedEvent {
    this.insert.run(handler, event.position, event.eventId, event.streamName, event.type, error, at);
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM parked_events WHERE handler = ? AND event_id = ?`)
      .get(handler, event.eventId) as Row;
  }

  /** The events a worker passes over: parked and skipped ones (a retried one is handled again). */
  passedOver(handler: string): Set<string> {
    return new Set(this.passedOverIds.all(handler).map((row) => row.eventId));
  }

  find(id: number): ParkedEvent | null {
    return this.byId.get(id) ?? null;
  }

  list(filter: Readonly<{ state?: ParkedState; limit: number; after?: number }>): ParkedEvent[] {
    const where = filter.state ? 'WHERE id > ? AND state = ?' : 'WHERE id > ?';
    const args = filter.state ? [filter.after ?? 0, filter.state] : [filter.after ?? 0];
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM parked_events ${where} ORDER BY id LIMIT ?`)
      .all(...args, filter.limit) as Row[];
  }

  /** Events still parked, by worker: what `/health` reports as degraded. */
  countParked(): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT handler, COUNT(*) AS parked FROM parked_events WHERE state = 'parked' GROUP BY handler`)
      .all() as {
      handler: string;
      parked: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.handler, row.parked]));
  }

  /** Moves a parked event to `retried` or `skipped`; false if it is no longer parked (someone resolved it first). */
  resolve(id: number, resolution: Resolution): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE parked_events SET state = ?, resolved_at = ?, resolved_by = ?, reason = ? WHERE id = ? AND state = 'parked'`,
      )
      .run(resolution.state, resolution.at, resolution.by, resolution.reason, id);
    return changes === 1;
  }
}

/** The ERROR log line of a parked event: which worker, which event, why, and where to resolve it. */
export const parkedEventLine = (parked: ParkedEvent): string =>
  `${parked.handler} parked ${parked.type} ${parked.eventId} at position ${parked.position} (parked event ${parked.id}, attempt ${parked.attempts}) and moved on: ${parked.error}. Retry or skip it at /v1/admin/parked/${parked.id}`;
