import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, StoreSubscription } from './event-store.port';
import { StoreUnavailableError } from './event-store.errors';
import { toRecordedEvent, toStoreError } from './kurrentdb-mapping';
import { withTimeout } from './with-timeout';

/** What this adapter needs of the client's `subscribeToAll` result (a Node Readable). */
export type ResolvedEventSource = AsyncIterable<AllStreamResolvedEvent> & {
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
};

/**
 * Adapts a KurrentDB catch-up subscription to the port: skips what is not after the start
 * position or not accepted, translates errors, and ends iteration on `close()` even when the server is silent.
 */
export class KurrentDbSubscription implements StoreSubscription {
  private closed = false;
  private iterator?: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: ResolvedEventSource,
    private readonly after: number,
    private readonly timeoutMs: number,
    private readonly onClose?: () => void,
    /** Leaves out what the server should have filtered out already (other applications' streams). */
    private readonly accepts: (resolved: AllStreamResolvedEvent) => boolean = () => true,
  ) {
    // The client emits connection errors as events, before anyone iterates: turn them into a
    // failed stream that the iteration reports, instead of an unhandled 'error' that kills the process.
    source.on('error', (error) => source.destroy(error));
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.follow();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
    await withTimeout(() => this.source.unsubscribe(), this.timeoutMs, 'KurrentDB unsubscribe').catch(() => undefined);
    this.source.destroy();
  }

  /**
   * A catch-up subscription has no end of its own: when the client's stream ends and `close()` was
   * not called (its call was cancelled: the client swallows its own cancellation and just ends the
   * stream, or the server ended it), iteration fails with StoreUnavailableError instead of ending
   * as if closed, so that the consumer resubscribes from its last position.
   */
  private async *follow(): AsyncGenerator<RecordedEvent> {
    let position = this.after;
    try {
      for await (const resolved of this.source) {
        if (this.closed) return;
        if (!this.accepts(resolved)) continue;
        const event = toRecordedEvent(resolved);
        if (!event || event.position <= this.after) continue;
        position = event.position;
        yield event;
      }
    } catch (error) {
      if (!this.closed) throw toStoreError(error);
      return;
    }
    if (!this.closed) {
      throw new StoreUnavailableError(
        `KurrentDB ended the subscription without it being closed (last position ${position}): resubscribe from there`,
      );
    }
  }
}
