import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY, easternDateOf, type MarkInformationOverdue } from '@app/domain';
import type { ParkingDesk } from '@app/projections';
import { PARKED_SETTLEMENT, settleTimer } from '../process-failures';
import { forEachConcurrently } from '../scheduler/bounded-concurrency';
import type { ScheduledJob } from '../scheduler/scheduler';
import { systemContext, type ApplicationDispatch, type ProcessCause } from '../system-dispatch';
import { INFORMATION_TIMERS_TABLE, informationTimersProjection } from './information-timers.projection';

export const INFORMATION_TIMER = 'information-timer';
const SETTLED_TABLE = 'information_timer_settled';
const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;
const PAGE = 500;
const IN_FLIGHT = 16;

type DueTimer = Readonly<{ applicationId: string; requestId: string; position: number; cause: ProcessCause }>;
/** `overdue`: this dispatch marked it; `already`: it was marked; otherwise the refusing rule's code, or `parked`. */
type Settlement = string;

/**
 * H2: on every tick, marks overdue every armed request whose due date ended before the Eastern
 * date of `now` (so at 00:00 America/Toronto after the due date, not a second before).
 *
 * Once, whatever the number of workers and restarts: the command id is derived from the
 * application and request ids, and the pipeline appends with the stream's expected revision (as
 * the BIL timer, B1). A refusal (answered, decided or closed meanwhile) settles the timer.
 */
export function informationOverdueJob(
  db: Database.Database,
  dispatch: ApplicationDispatch,
  parking: ParkingDesk,
): ScheduledJob {
  informationTimersProjection.setup(db);
  db.exec(`CREATE TABLE IF NOT EXISTS ${SETTLED_TABLE} (application_id TEXT NOT NULL, request_id TEXT NOT NULL,
    outcome TEXT NOT NULL, settled_at TEXT NOT NULL, PRIMARY KEY (application_id, request_id))`);
  const settle = db.prepare<[string, string, Settlement, string]>(
    `INSERT OR REPLACE INTO ${SETTLED_TABLE} VALUES (?, ?, ?, ?)`,
  );
  const unsettle = db.prepare<[string]>(
    `DELETE FROM ${SETTLED_TABLE} WHERE outcome = '${PARKED_SETTLEMENT}' AND (application_id, request_id) IN
     (SELECT application_id, request_id FROM ${INFORMATION_TIMERS_TABLE} WHERE cause_event_id = ?)`,
  );
  parking.registerJob(INFORMATION_TIMER, (parked) => unsettle.run(parked.eventId));
  const dueTimers = dueTimersQuery(db);
  return {
    name: INFORMATION_TIMER,
    async run(now) {
      const today = easternDateOf(now);
      for (let page = dueTimers(today); page.length > 0; page = dueTimers(today)) {
        await forEachConcurrently(page, IN_FLIGHT, async (timer) => {
          settle.run(timer.applicationId, timer.requestId, await fire(dispatch, parking, timer, now), now);
        });
      }
    },
  };
}

function fire(dispatch: ApplicationDispatch, parking: ParkingDesk, timer: DueTimer, now: string): Promise<Settlement> {
  const { applicationId, requestId } = timer;
  const command: MarkInformationOverdue = { type: 'MarkInformationOverdue', data: { requestId, at: now } };
  const context = systemContext(
    INFORMATION_TIMER,
    `information-overdue:${applicationId}:${requestId}`,
    timer.cause,
    now,
  );
  const requested = {
    eventId: timer.cause.eventId,
    position: timer.position,
    streamName: `${STREAM_PREFIX}${applicationId}`,
    type: 'InformationRequested',
  };
  return settleTimer(
    async () => {
      const outcome = await dispatch(applicationId, command, context);
      return outcome.alreadyApplied || outcome.events.length === 0 ? 'already' : 'overdue';
    },
    (reason) =>
      parking.parkItem(INFORMATION_TIMER, requested, `H2: request ${requestId} could not be marked overdue: ${reason}`),
  );
}

type Row = Readonly<{
  application_id: string;
  request_id: string;
  cause_event_id: string;
  cause_position: number;
  correlation_id: string | null;
}>;

/** Armed timers whose due date is before `today` (Eastern), earliest first, without those already settled. */
function dueTimersQuery(db: Database.Database): (today: string) => DueTimer[] {
  const select = db.prepare<[string, number], Row>(
    `SELECT t.application_id, t.request_id, t.cause_event_id, t.cause_position, t.correlation_id
     FROM ${INFORMATION_TIMERS_TABLE} t
     LEFT JOIN ${SETTLED_TABLE} s ON s.application_id = t.application_id AND s.request_id = t.request_id
     WHERE t.state = 'armed' AND t.due_on < ? AND s.application_id IS NULL
     ORDER BY t.due_on, t.application_id, t.request_id LIMIT ?`,
  );
  return (today) =>
    select.all(today, PAGE).map((row) => ({
      applicationId: row.application_id,
      requestId: row.request_id,
      position: row.cause_position,
      cause: {
        eventId: row.cause_event_id,
        metadata: row.correlation_id === null ? {} : { correlationId: row.correlation_id },
      },
    }));
}
