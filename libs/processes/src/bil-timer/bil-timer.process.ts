import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import type { ParkingDesk } from '@app/projections';
import { PARKED_SETTLEMENT, settleTimer } from '../process-failures';
import type { IssueBiometricInstructionLetter } from '@app/domain';
import { forEachConcurrently } from '../scheduler/bounded-concurrency';
import type { ScheduledJob } from '../scheduler/scheduler';
import { systemContext, type ApplicationDispatch, type ProcessCause } from '../system-dispatch';
import { DUE_TIMERS_TABLE, dueTimersProjection } from './due-timers.projection';

export const BIL_TIMER = 'bil-timer';
const SETTLED_TABLE = 'bil_timer_settled';
const PAGE = 500;
const IN_FLIGHT = 16;

type DueTimer = Readonly<{ applicationId: string; cause: ProcessCause }>;
/** `issued`: this dispatch appended the letter; `already`: it was there; otherwise the refusing rule's code. */
type Settlement = string;

/**
 * B1: on every tick, issues the automatic BIL of every armed timer due at or before `now`.
 *
 * Exactly once, whatever the number of workers and restarts: the command id is derived from the
 * application id alone, and the pipeline appends with the stream's expected revision. Two workers
 * firing the same timer both decide on revision n; one append wins, the other gets a revision
 * conflict, re-reads, finds its command id and appends nothing. A worker that crashes after the
 * append fires again after restart and finds the command id likewise. KurrentDB checks the
 * expected revision atomically on the leader, so the same holds on a cluster.
 *
 * A refusal (the case was withdrawn, decided or found over the cap in the meantime) settles the
 * timer: the domain decides whether an automatic letter is still allowed.
 */
export function bilTimerJob(db: Database.Database, dispatch: ApplicationDispatch, parking: ParkingDesk): ScheduledJob {
  dueTimersProjection.setup(db);
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${SETTLED_TABLE} (application_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, settled_at TEXT NOT NULL)`,
  );
  const settle = db.prepare<[string, Settlement, string]>(`INSERT OR REPLACE INTO ${SETTLED_TABLE} VALUES (?, ?, ?)`);
  const unsettle = db.prepare<[string]>(
    `DELETE FROM ${SETTLED_TABLE} WHERE application_id = ? AND outcome = '${PARKED_SETTLEMENT}'`,
  );
  parking.registerJob(BIL_TIMER, (parked) => unsettle.run(parked.streamName.slice(STREAM_PREFIX.length)));
  const dueTimers = dueTimersQuery(db);
  return {
    name: BIL_TIMER,
    async run(now) {
      for (let page = dueTimers(now); page.length > 0; page = dueTimers(now)) {
        await forEachConcurrently(page, IN_FLIGHT, async (timer) => {
          settle.run(timer.applicationId, await fire(dispatch, parking, timer, now), now);
        });
      }
    },
  };
}

const STREAM_PREFIX = `${APPLICATION_STREAM_CATEGORY}-`;

/**
 * Issues one automatic letter. A letter that failed for another reason than a rule is parked (the
 * next tick fires it again once retried); its receipt's position is not kept with the timer, so the
 * parked entry names the receipt by event id, at position 0.
 */
function fire(dispatch: ApplicationDispatch, parking: ParkingDesk, timer: DueTimer, now: string): Promise<Settlement> {
  const command: IssueBiometricInstructionLetter = {
    type: 'IssueBiometricInstructionLetter',
    data: { issuedAt: now, automatic: true },
  };
  const context = systemContext(BIL_TIMER, `automatic-bil:${timer.applicationId}`, timer.cause, now);
  const armedBy = {
    eventId: timer.cause.eventId,
    position: 0,
    streamName: `${STREAM_PREFIX}${timer.applicationId}`,
    type: 'ApplicationReceived',
  };
  return settleTimer(
    async () => {
      const outcome = await dispatch(timer.applicationId, command, context);
      return outcome.alreadyApplied || outcome.events.length === 0 ? 'already' : 'issued';
    },
    (reason) => parking.parkItem(BIL_TIMER, armedBy, `B1: the automatic letter could not be issued: ${reason}`),
  );
}

/** Armed timers due at or before `now`, earliest first, without those already settled. */
function dueTimersQuery(db: Database.Database): (now: string) => DueTimer[] {
  const select = db.prepare<
    [string, number],
    { application_id: string; cause_event_id: string; correlation_id: string | null }
  >(
    `SELECT t.application_id, t.cause_event_id, t.correlation_id FROM ${DUE_TIMERS_TABLE} t
     LEFT JOIN ${SETTLED_TABLE} s ON s.application_id = t.application_id
     WHERE t.state = 'armed' AND t.due_at <= ? AND s.application_id IS NULL
     ORDER BY t.due_at, t.application_id LIMIT ?`,
  );
  return (now) =>
    select.all(now, PAGE).map((row) => ({
      applicationId: row.application_id,
      cause: {
        eventId: row.cause_event_id,
        metadata: row.correlation_id === null ? {} : { correlationId: row.correlation_id },
      },
    }));
}
