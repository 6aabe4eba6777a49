import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';
import { pagesBelow, subscriptionBatches } from './batches';
import { deliverBatch } from './batch-delivery';
import type { WriteGate } from './write-gate';
import {
  HandlerRetiredError,
  PoisonEventError,
  messageOf,
  type CatchUpHandler,
  type ParkingLot,
  type WorkerState,
  type WorkerStatus,
} from './catch-up-handler';

/** Follows the global log from a checkpoint (catch-up, then live) and feeds a handler in batches. */
export class CatchUpWorker {
  private state: WorkerState = 'starting';
  private checkpoint = 0;
  private failure: WorkerStatus['failure'];
  private subscription: StoreSubscription | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;

  /** Ends the pause between two batches (a reader waits, or the worker stops); null when not pausing. */
  private endPause: (() => void) | null = null;
  /** A reader hurried the worker while it was not pausing (a batch under way, or waiting for the log): its next pause is skipped. */
  private hurried = false;

  constructor(
    private readonly store: EventStore,
    readonly handler: CatchUpHandler,
    private readonly batchSize = 500,
    private readonly parking: ParkingLot | null = null,
    /** Where its batches wait while another writer of the same file holds the write lock on a thread. */
    private readonly gate: WriteGate | null = null,
    /**
     * At the head of the log, how long it lets the events of further commits gather before its
     * next batch (0: a batch per commit). For read models that no command's answer waits for: one
     * batch, one transaction and one row write per case for what came in meanwhile, instead of one
     * per commit. A reader that waits for the worker (`hurry`) ends the pause.
     */
    private readonly gatherMs = 0,
  ) {}

  /** Events this worker passes over: parked or skipped ones. */
  private passedOver = new Set<string>();

  start(): void {
    this.checkpoint = this.handler.open();
    this.passedOver = this.parking?.passedOver(this.handler.name) ?? new Set();
    this.state = 'running';
    this.failure = undefined;
    if (this.handler.readsBelow) {
      this.subscription = null;
      this.loop = this.consume(this.readBelowThenFollow(this.handler.readsBelow.bind(this.handler)));
      return;
    }
    this.subscription = this.store.subscribeToAll({ after: this.checkpoint });
    this.loop = this.consume(subscriptionBatches(this.subscription, this.batchSize));
  }

  /**
   * Reads in bulk up to where the handler allows (`readsBelow`), then subscribes from there. Below
   * that, a handler that reads ranges of the log itself (`handleRange`) is given them instead of pages.
   */
  private async *readBelowThenFollow(below: () => number): AsyncGenerator<RecordedEvent[]> {
    let position = this.checkpoint;
    for (;;) {
      const handled = await this.handledRanges(position, below);
      if (this.state !== 'running') return;
      position = handled;
      const page = await pagesBelow(this.store, position, this.batchSize, below).next();
      if (page.done) break;
      yield page.value;
      position = page.value[page.value.length - 1].position;
    }
    if (this.state !== 'running') return;
    this.subscription = this.store.subscribeToAll({ after: position });
    yield* subscriptionBatches(this.subscription, this.batchSize);
  }

  /** Hands the handler ranges of the log to read itself while it takes them; returns where it stopped. */
  private async handledRanges(after: number, below: () => number): Promise<number> {
    let position = after;
    while (this.handler.handleRange && this.state === 'running') {
      const handled = await this.handler.handleRange(position, below(), this.batchSize, this.passedOver);
      if (handled === null) break;
      position = this.checkpoint = handled;
      this.retries = 0;
      this.notify();
      await nextTurn();
    }
    return position;
  }

  async stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.state === 'running' || this.state === 'retrying') this.state = 'stopped';
    this.endPause?.();
    await this.subscription?.close();
    await this.loop;
    await this.handler.close?.();
    this.notify();
  }

  /** Following the log (not stopped, retired, failed or waiting to retry). */
  get running(): boolean {
    return this.state === 'running';
  }

  status(): WorkerStatus {
    return { name: this.handler.name, state: this.state, checkpoint: this.checkpoint, failure: this.failure };
  }

  /** Calls back after every committed batch and on every change of state. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Yields to the event loop after every batch: a store that answers synchronously (SQLite)
   * would otherwise keep a long catch-up or rebuild from ever letting a request through. A
   * subscription only ends when closed; one that ends on its own (a store connection lost, should
   * an adapter ever end one quietly) is resubscribed like a failed one, never left idle.
   */
  private async consume(batches: AsyncIterable<RecordedEvent[]>): Promise<void> {
    try {
      for await (const batch of batches) {
        if (this.state !== 'running') break;
        await deliverBatch(batch, this.handler, this.passedOver, this.parking, this.gate);
        this.checkpoint = batch[batch.length - 1].position;
        this.retries = 0;
        this.notify();
        await this.betweenBatches(batch.length < this.batchSize);
      }
      if (this.state === 'running')
        this.retryLater(new Error('the subscription ended without being closed (a store connection lost)'));
    } catch (error) {
      if (this.state !== 'running') return;
      if (error instanceof PoisonEventError) this.fail(error);
      else if (error instanceof HandlerRetiredError) this.retire();
      else this.retryLater(error);
    }
  }

  /** A reader waits for this worker: its next batch starts now, not at the end of a pause. */
  hurry(): void {
    if (this.endPause) this.endPause();
    else if (this.gatherMs > 0) this.hurried = true;
  }

  /**
   * The next turn of the event loop; or, at the head of the log (`atHead`: the batch took less than
   * a full batch), `gatherMs` unless a reader hurried the worker meanwhile.
   */
  private betweenBatches(atHead: boolean): Promise<unknown> {
    const hurried = this.hurried;
    this.hurried = false;
    if (this.gatherMs <= 0 || !atHead || hurried || this.state !== 'running') return nextTurn();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.endPause?.(), this.gatherMs);
      this.endPause = () => {
        clearTimeout(timer);
        this.endPause = null;
        resolve();
      };
    });
  }

  /** An operator's retry of a parked event: the handler's own `retry`, which throws what it still cannot process. */
  async retry(event: RecordedEvent): Promise<void> {
    if (!this.handler.retry)
      throw new Error(`${this.handler.name} handles events in the log's order only: skip the event instead`);
    await this.handler.retry(event);
    this.passedOver.delete(event.eventId);
  }

  /** The store, the handler's own storage or a dispatch failed: resubscribe from the checkpoint after a capped backoff. */
  private retryLater(error: unknown): void {
    this.state = 'retrying';
    this.failure = { position: this.checkpoint, eventId: '', type: '', message: `retrying: ${messageOf(error)}` };
    void this.subscription?.close();
    const delay = Math.min(30_000, 250 * 2 ** this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state === 'retrying') this.restart();
    }, delay);
    this.notify();
  }

  /** A retry whose reopening fails too (the read-model file still full or read-only) waits longer; it never throws from a timer. */
  private restart(): void {
    try {
      this.start();
    } catch (error) {
      this.retryLater(error);
    }
  }

  private fail(error: PoisonEventError): void {
    this.state = 'failed';
    const { position, eventId, type } = error.event;
    this.failure = { position, eventId, type, message: error.message };
    void this.subscription?.close();
    void this.handler.close?.();
    this.notify();
  }

  private retire(): void {
    this.state = 'retired';
    void this.subscription?.close();
    void this.handler.close?.();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
