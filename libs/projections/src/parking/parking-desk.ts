import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { PoisonEventError, type ParkingLot } from '../runner/catch-up-handler';
import type { CatchUpWorker } from '../runner/catch-up-worker';
import type { ProjectionSlot } from '../runner/projection-slot';
import { ParkedEvents, type ParkedEvent, type ParkedItem } from './parked-events';

/**
 * Why an operator's retry or skip was not carried out. `not-found`: no such parked event;
 * `resolved`: it was already retried or skipped; `not-here`: its worker does not run in this
 * process; `order-only`: its worker handles events in the log's order only (C3: skip it instead);
 * `rebuilding`: its read model is being rebuilt, retry once that is done; `still-failing`: the retry
 * failed again and the event is parked again.
 */
export type ParkingRefusal = 'not-found' | 'resolved' | 'not-here' | 'order-only' | 'rebuilding' | 'still-failing';

export class ParkingActionError extends Error {
  override readonly name = 'ParkingActionError';

  constructor(
    readonly refusal: ParkingRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Who decided, and why: every retry and skip names both. */
export type ParkingDecision = Readonly<{ by: string; reason: string }>;

/** Where the desk finds the worker of a parked event. */
export type ParkingWorkers = Readonly<{
  slot(handler: string): ProjectionSlot | undefined;
  worker(handler: string): CatchUpWorker | undefined;
}>;

/**
 * The workers' parking lot and the operator's desk over it: workers park what they cannot
 * process and move on; an operator lists, retries or skips. Every park is announced to the
 * listeners (an ERROR log line and a metric in the host).
 */
export class ParkingDesk implements ParkingLot {
  readonly events: ParkedEvents;
  private readonly listeners = new Set<(parked: ParkedEvent) => void>();

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
    private readonly now: () => string,
  ) {
    this.events = new ParkedEvents(db);
  }

  onParked(listener: (parked: ParkedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  passedOver(handler: string): Set<string> {
    return this.events.passedOver(handler);
  }

  park(handler: string, error: PoisonEventError): void {
    this.parkItem(handler, error.event, error.message);
  }

  /** Parks what a scheduled job could not do for one case (its timer's event), so the job moves on. */
  parkItem(handler: string, item: ParkedItem, error: string): void {
    const parked = this.events.park(handler, item, error, this.now());
    for (const listener of this.listeners) listener(parked);
  }

  /**
   * A scheduled job's retry: what the job must undo so that its next tick tries the case again
   * (a job passes over what is parked for it, so marking the event retried is the rest).
   */
  registerJob(handler: string, retry: (parked: ParkedEvent) => void): void {
    this.jobRetries.set(handler, retry);
  }

  private readonly jobRetries = new Map<string, (parked: ParkedEvent) => void>();

  /** The parked event `id`, still parked; refused otherwise. */
  parked(id: number): ParkedEvent {
    const parked = this.events.find(id);
    if (!parked) throw new ParkingActionError('not-found', `No parked event has id ${id}`);
    if (parked.state !== 'parked')
      throw new ParkingActionError(
        'resolved',
        `Parked event ${id} was already ${parked.state} by ${parked.resolvedBy} at ${parked.resolvedAt}`,
      );
    return parked;
  }

  /**
   * Sends a parked event back to its worker. A read model is rebuilt: the new generation replays
   * the log in order, this event included, while the current one serves. A process handles the
   * event again at once; if it fails again, it is parked again and the retry is refused. A
   * scheduled job tries the case again on its next tick.
   */
  async retry(id: number, decision: ParkingDecision, workers: ParkingWorkers): Promise<ParkedEvent> {
    const parked = this.parked(id);
    const slot = workers.slot(parked.handler);
    if (slot) {
      if (slot.status().rebuild)
        throw new ParkingActionError(
          'rebuilding',
          `${parked.handler} is being rebuilt; retry once the rebuild has finished`,
        );
      this.resolve(id, 'retried', decision);
      await slot.rebuild();
      return this.events.find(id)!;
    }
    const job = this.jobRetries.get(parked.handler);
    if (job) {
      this.resolve(id, 'retried', decision);
      job(parked);
      return this.events.find(id)!;
    }
    const worker = workers.worker(parked.handler);
    if (!worker)
      throw new ParkingActionError(
        'not-here',
        `${parked.handler} does not run in this process (it runs in case-worker)`,
      );
    if (!worker.handler.retry)
      throw new ParkingActionError(
        'order-only',
        `${parked.handler} handles events in the log's order only: skip the event instead`,
      );
    const event = await this.eventAt(parked);
    try {
      await worker.retry(event);
    } catch (error) {
      if (!(error instanceof PoisonEventError)) throw error;
      this.park(parked.handler, error);
      throw new ParkingActionError(
        'still-failing',
        `The retry failed again and the event is parked again: ${error.message}`,
      );
    }
    this.resolve(id, 'retried', decision);
    return this.events.find(id)!;
  }

  /** Lets the worker pass over the event for good. */
  skip(id: number, decision: ParkingDecision): ParkedEvent {
    this.parked(id);
    this.resolve(id, 'skipped', decision);
    return this.events.find(id)!;
  }

  private resolve(id: number, state: 'retried' | 'skipped', { by, reason }: ParkingDecision): void {
    if (!this.events.resolve(id, { state, by, reason, at: this.now() }))
      throw new ParkingActionError('resolved', `Parked event ${id} was resolved by someone else meanwhile`);
  }

  private async eventAt(parked: ParkedEvent): Promise<RecordedEvent> {
    const [event] = await this.store.readAll({ after: parked.position - 1, limit: 1 });
    if (event?.eventId !== parked.eventId)
      throw new Error(`The log holds no event ${parked.eventId} at position ${parked.position}`);
    return event;
  }
}
