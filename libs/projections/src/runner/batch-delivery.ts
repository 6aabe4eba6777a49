import type { RecordedEvent } from '@app/event-store';
import type { WriteGate } from './write-gate';
import { PoisonEventError, type CatchUpHandler, type HandledBatch, type ParkingLot } from './catch-up-handler';

/**
 * Hands a worker's batch to its handler, less the events passed over (`passedOver`, which this
 * adds to). An event the handler cannot process is parked and the batch handed over again without
 * it (the handler committed nothing of the failed attempt); without a parking lot the error stops
 * the worker, as before. Through the write gate unless the handler gates itself.
 */
export async function deliverBatch(
  batch: readonly RecordedEvent[],
  handler: CatchUpHandler,
  passedOver: Set<string>,
  parking: ParkingLot | null,
  gate: WriteGate | null,
): Promise<void> {
  parkUnreadable(batch, handler, passedOver, parking);
  for (;;) {
    const live = passedOver.size === 0 ? batch : batch.filter((event) => !passedOver.has(event.eventId));
    if (live.length === 0) return;
    let committedDespite: HandledBatch;
    try {
      committedDespite = await (gate && !handler.gatesItself
        ? gate.through(handler, () => handler.handle(live))
        : handler.handle(live));
    } catch (error) {
      if (
        !(error instanceof PoisonEventError) ||
        !parking ||
        !live.some((event) => event.eventId === error.event.eventId)
      )
        throw error;
      parking.park(handler.name, error);
      passedOver.add(error.event.eventId);
      continue;
    }
    for (const error of committedDespite ?? []) {
      if (!parking) throw error;
      parking.park(handler.name, error);
    }
    return;
  }
}

/** An event the store could not read (binary, not a JSON object) is parked before any handler sees it. */
function parkUnreadable(
  batch: readonly RecordedEvent[],
  handler: CatchUpHandler,
  passedOver: Set<string>,
  parking: ParkingLot | null,
): void {
  if (!parking) return;
  for (const event of batch) {
    if (!event.unreadable || passedOver.has(event.eventId)) continue;
    parking.park(handler.name, new PoisonEventError(event, `the store could not read this event: ${event.unreadable}`));
    passedOver.add(event.eventId);
  }
}
