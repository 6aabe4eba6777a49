import {
  APPLICATION_STREAM_CATEGORY,
  type InformationReceived,
  type InformationRequested,
  type InformationRequestOverdue,
} from '@app/domain';
import { asStoredShape } from '@app/application';
import type { Projection } from '@app/projections';

export const INFORMATION_TIMERS_TABLE = 'information_timers_v1';
const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/** The events that start or end an information timer; every other event leaves the timers alone. */
const ENDING = new Set(['InformationReceived', 'InformationRequestOverdue']);

/**
 * H2: the information timers read model, one row per request for information: `armed` until it is
 * answered or marked overdue, then `ended` (kept, so a replayed request cannot re-arm it). It fires
 * once the request's due date (an Eastern date) has ended. Derived from events only, so timers
 * survive restarts and rebuild from the log. A case decided or closed meanwhile keeps its timer:
 * the domain refuses to mark it overdue (R2), which settles it.
 */
export const informationTimersProjection: Projection = {
  name: 'information-timers',

  setup(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${INFORMATION_TIMERS_TABLE} (
      application_id TEXT NOT NULL,
      request_id TEXT NOT NULL,
      due_on TEXT NOT NULL,
      state TEXT NOT NULL,
      cause_event_id TEXT NOT NULL,
      cause_position INTEGER NOT NULL,
      correlation_id TEXT,
      PRIMARY KEY (application_id, request_id))`);
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${INFORMATION_TIMERS_TABLE}_due ON ${INFORMATION_TIMERS_TABLE} (state, due_on)`,
    );
  },

  reset(db) {
    db.exec(`DROP TABLE IF EXISTS ${INFORMATION_TIMERS_TABLE}`);
  },

  apply(db, event) {
    if (!event.streamName.startsWith(STREAM_PREFIX)) return;
    const applicationId = event.streamName.slice(STREAM_PREFIX.length);
    if (event.type === 'InformationRequested') {
      const { data } = asStoredShape<InformationRequested>(event);
      const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : null;
      db.prepare(`INSERT OR IGNORE INTO ${INFORMATION_TIMERS_TABLE} VALUES (?, ?, ?, 'armed', ?, ?, ?)`).run(
        applicationId,
        data.requestId,
        data.dueOn,
        event.eventId,
        event.position,
        correlationId,
      );
    } else if (ENDING.has(event.type)) {
      const { requestId } = asStoredShape<InformationReceived | InformationRequestOverdue>(event).data;
      db.prepare(
        `UPDATE ${INFORMATION_TIMERS_TABLE} SET state = 'ended' WHERE application_id = ? AND request_id = ?`,
      ).run(applicationId, requestId);
    }
  },
};
