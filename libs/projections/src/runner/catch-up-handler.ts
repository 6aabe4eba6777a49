import type { RecordedEvent } from '@app/event-store';

/**
 * `retrying`: the store was unreachable; the worker resubscribes from its checkpoint after a backoff.
 * `retired`: its handler's storage was superseded (a rebuilt projection generation took over).
 */
export type WorkerState = 'starting' | 'running' | 'retrying' | 'failed' | 'stopped' | 'retired';

export type WorkerStatus = Readonly<{
  name: string;
  state: WorkerState;
  checkpoint: number;
  /** Why it stopped (a poison event) or is retrying (the store): it never skips an event silently. */
  failure?: Readonly<{ position: number; eventId: string; type: string; message: string }>;
}>;

/** An event the handler cannot process: the worker stops there and says which. */
export class PoisonEventError extends Error {
  override readonly name = 'PoisonEventError';

  constructor(
    readonly event: RecordedEvent,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by a handler whose storage was superseded: the worker stops, neither failing nor retrying. */
export class HandlerRetiredError extends Error {
  override readonly name = 'HandlerRetiredError';
}

/**
 * What a worker feeds: `handle` must make the batch's effects and the new checkpoint durable
 * together (or throw), and throw `PoisonEventError` for an event it cannot process. A batch may
 * lack events the worker passes over (parked ones): positions are increasing, not contiguous.
 */
export type CatchUpHandler = Readonly<{
  name: string;
  /** Creates its storage if missing and returns the stored checkpoint. */
  open(): number;
  /**
   * Returns the events it handled only as far as it could and committed all the same (a process
   * whose effects already reached the log): the worker parks them without handing them over again.
   */
  handle(batch: readonly RecordedEvent[]): Promise<HandledBatch> | HandledBatch;
  /**
   * Handles one event again, out of the log's order, leaving the checkpoint where it is: an
   * operator's retry of a parked event. Absent where that would be wrong (C3: intake numbers
   * follow the log's order).
   */
  retry?(event: RecordedEvent): Promise<void> | void;
  /** Passes the worker's write gate itself, for the part of a batch that writes (a rebuild's pipeline). */
  gatesItself?: boolean;
  /**
   * A position up to which its events may be read in bulk from the store rather than through a
   * subscription (a rebuild, below the active generation's checkpoint), asked before each page.
   */
  readsBelow?(): number;
  /**
   * Below that position: handles the events of positions `after` (exclusive) to at most
   * `after + limit`, below `bound`, less those passed over, reading them from the store itself (a
   * rebuild's fold thread reads the SQLite log's file), and returns the position it handled them
   * up to; null when it needs them read and handed over (`handle`).
   */
  handleRange?(after: number, bound: number, limit: number, passedOver: ReadonlySet<string>): Promise<number | null>;
  /**
   * A process manager's: whether its handling of this event may append to the log (a command it
   * dispatches), so that the answer to the write that appended the event waits for it and shows
   * what it adds. Absent: its handling appends nothing (a read model), and no writer waits for it.
   */
  reactsTo?(event: ReactionCause): boolean;
  /** Lets go of what it runs beside the worker (a thread) once the worker stops, fails or retires. */
  close?(): Promise<void>;
}>;

/** What a process manager is shown of an event to say whether it reacts to it. */
export type ReactionCause = Readonly<{ streamName: string; type: string; data: unknown }>;

export type HandledBatch = void | readonly PoisonEventError[];

/**
 * Where a worker parks the events its handler cannot process, so that it moves on: durable, and
 * read back on every start, so a parked event is passed over after a restart too.
 */
export type ParkingLot = Readonly<{
  /** Ids of the events the handler passes over. */
  passedOver(handler: string): Set<string>;
  park(handler: string, error: PoisonEventError): void;
}>;

/** The message of whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
