import type Database from 'better-sqlite3';
import { APPLICATION_STREAM_CATEGORY } from '@app/domain';
import {
  CASE_VIEW_TABLE,
  INTAKE_LEDGER_TABLE,
  caseViewProjection,
  intakeLedgerProjection,
  type ParkingDesk,
} from '@app/projections';
import { settleTimer } from '../process-failures';
import { overCapContext } from '../intake/intake-numbering.process';
import { forEachConcurrently } from '../scheduler/bounded-concurrency';
import type { ScheduledJob } from '../scheduler/scheduler';
import type { ApplicationDispatch } from '../system-dispatch';

export const OVER_CAP_SWEEP = 'over-cap-sweep';
/** At most this many per tick, oldest numbers first; the next tick takes the rest. */
const PER_TICK = 1000;
const IN_FLIGHT = 16;

/**
 * C5: on every tick (at least daily, like IRCC's Centralized Network), every application numbered
 * over the cap and still `received` gets `HandleOverCap`: a safety net for an immediate handling
 * that failed. It sends the intake process's own command id, so a case is closed once whoever
 * gets there first. A refusal (withdrawn or decided meanwhile, C2 it still counts) is left as it is.
 */
export function overCapSweepJob(
  db: Database.Database,
  dispatch: ApplicationDispatch,
  parking: ParkingDesk,
): ScheduledJob {
  parking.registerJob(OVER_CAP_SWEEP, () => undefined); // the next tick takes a retried case again
  caseViewProjection.setup(db);
  intakeLedgerProjection.setup(db);
  const overCapStillReceived = db.prepare<[number], { application_id: string }>(
    `SELECT l.application_id FROM ${INTAKE_LEDGER_TABLE} l JOIN ${CASE_VIEW_TABLE} c ON c.application_id = l.application_id
     WHERE l.within_cap = 0 AND l.closed_over_cap IS NULL AND c.status = 'received'
     ORDER BY l.year, l.number LIMIT ?`,
  );
  return {
    name: OVER_CAP_SWEEP,
    async run(now) {
      const passedOver = parking.passedOver(OVER_CAP_SWEEP);
      const ids = overCapStillReceived
        .all(PER_TICK)
        .map((row) => row.application_id)
        .filter((id) => !passedOver.has(sweepItemId(id)));
      await forEachConcurrently(ids, IN_FLIGHT, (applicationId) =>
        handleOverCap(dispatch, parking, applicationId, now),
      );
    },
  };
}

/** A case the sweep parked is named by an id of its own (the sweep reacts to no one event). */
const sweepItemId = (applicationId: string) => `over-cap:${applicationId}`;

async function handleOverCap(
  dispatch: ApplicationDispatch,
  parking: ParkingDesk,
  applicationId: string,
  now: string,
): Promise<void> {
  const item = {
    eventId: sweepItemId(applicationId),
    position: 0,
    streamName: `${APPLICATION_STREAM_CATEGORY}-${applicationId}`,
    type: 'HandleOverCap',
  };
  await settleTimer(
    async () => {
      await dispatch(
        applicationId,
        { type: 'HandleOverCap', data: { at: now } },
        overCapContext(applicationId, null, now),
      );
      return 'handled';
    },
    (reason) => parking.parkItem(OVER_CAP_SWEEP, item, `C5: the over-cap handling failed: ${reason}`),
  );
}
