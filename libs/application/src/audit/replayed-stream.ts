import {
  applicationDecider,
  toApplicationView,
  type ApplicationEvent,
  type ApplicationState,
  type ApplicationView,
} from '@app/domain';
import type { RecordedEvent, StreamHead } from '@app/event-store';
import { asStoredShape } from '../pipeline/stream-loader';
import { viewAt, type PointInTime } from './application-history';

/** A snapshot every this many events: an as-of replay folds at most this many events from one. */
export const DEFAULT_SNAPSHOT_EVERY = 32;

/**
 * One application's stream as this process read it: the parsed events, the folded state at the
 * head, and a snapshot of the state every `snapshotEvery` events, so that a point in time folds
 * from the nearest snapshot before it, never from revision 0 of a long stream. The decider's
 * states are immutable (each `evolve` returns a new object), so a snapshot is kept by reference.
 */
export class ReplayedStream {
  private readonly events: RecordedEvent[] = [];
  /** `metadata.recordedAt` of each event, as epoch milliseconds (NaN where it is not an instant). */
  private readonly recordedAt: number[] = [];
  /** `snapshots[k]`: the state after the first (k + 1) × snapshotEvery events. */
  private readonly snapshots: ApplicationState[] = [];
  private head: ApplicationState = applicationDecider.initialState();
  /** Revisions 0, 1, 2…: the event of a revision is found by its index. */
  private dense = true;
  /**
   * Instants that never go back: a point in time is then a prefix of the stream, found by a binary
   * search. Otherwise every replay filters the whole stream, as `viewAt` does.
   */
  private ordered = true;
  /** What the cache counts against its byte bound: the JSON length of the events held and of the answer memoized. */
  bytes = 0;
  /**
   * The last view asked for, by its count of events, and its JSON text in UTF-8 once asked for: a
   * prefix never changes once read, so replays of the same point share one view (read-only, as
   * every answer body: nothing changes it) and one serialisation of it, sent as these very bytes.
   */
  private lastView: { readonly count: number; readonly view: ApplicationView | null; json?: Buffer | null } | null =
    null;

  constructor(private readonly snapshotEvery = DEFAULT_SNAPSHOT_EVERY) {}

  get length(): number {
    return this.events.length;
  }

  get lastRevision(): number {
    return this.events.at(-1)?.revision ?? -1;
  }

  /** Whether `event` is the very event held at its revision (same id, same hash): the store still says what was read. */
  holds(event: RecordedEvent): boolean {
    const held = this.dense ? this.events[event.revision] : undefined;
    return held !== undefined && held.eventId === event.eventId && held.metadata.hash === event.metadata.hash;
  }

  /** Whether the store's `head` is the last event held (same revision, id and hash): nothing was appended since. */
  endsWith(head: StreamHead): boolean {
    const last = this.events.at(-1);
    return (
      last !== undefined &&
      last.revision === head.revision &&
      last.eventId === head.eventId &&
      head.hash !== null &&
      last.metadata.hash === head.hash
    );
  }

  /** Folds the events past the last one held (a stream's revisions only grow); returns the bytes they added. */
  extend(events: readonly RecordedEvent[]): number {
    const before = this.bytes;
    for (const event of events) {
      if (event.revision <= this.lastRevision) continue;
      const at = Date.parse(String(event.metadata.recordedAt));
      if (event.revision !== this.events.length) this.dense = false;
      if (!(at >= (this.recordedAt.at(-1) ?? -Infinity))) this.ordered = false;
      this.head = applicationDecider.evolve(this.head, asStoredShape<ApplicationEvent>(event));
      this.events.push(event);
      this.recordedAt.push(at);
      this.bytes += JSON.stringify(event.data).length + JSON.stringify(event.metadata).length;
      if (this.events.length % this.snapshotEvery === 0) this.snapshots.push(this.head);
    }
    return this.bytes - before;
  }

  /** The application as it stood at `at`, exactly as `viewAt` folds it from the whole stream; null before it existed. */
  viewAt(at: PointInTime): ApplicationView | null {
    return this.dense && this.ordered ? this.memoAt(at).view : viewAt(this.events, at);
  }

  /** `JSON.stringify(viewAt(at))` in UTF-8, the bytes an HTTP answer sends; null before the application existed. */
  viewJsonAt(at: PointInTime): Buffer | null {
    if (!this.dense || !this.ordered) return jsonOf(viewAt(this.events, at));
    const memo = this.memoAt(at);
    if (memo.json === undefined) {
      memo.json = jsonOf(memo.view);
      this.bytes += memo.json?.length ?? 0;
    }
    return memo.json;
  }

  private memoAt(at: PointInTime): NonNullable<ReplayedStream['lastView']> {
    const count = 'revision' in at ? Math.max(0, Math.min(at.revision + 1, this.length)) : this.countUpTo(at.asOf);
    if (this.lastView?.count !== count) {
      this.bytes -= this.lastView?.json?.length ?? 0;
      this.lastView = {
        count,
        view: count === 0 ? null : toApplicationView(this.stateAfter(count), this.events[count - 1].revision),
      };
    }
    return this.lastView;
  }

  /** How many events the log recorded at or before `instant` (they are a prefix: instants never go back). */
  private countUpTo(instant: string): number {
    const limit = Date.parse(instant);
    let low = 0;
    let high = this.recordedAt.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.recordedAt[middle] <= limit) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The state after the first `count` events: the head, or the nearest snapshot and the events after it. */
  private stateAfter(count: number): ApplicationState {
    if (count === this.length) return this.head;
    const snapshot = Math.floor(count / this.snapshotEvery);
    let state = snapshot > 0 ? this.snapshots[snapshot - 1] : applicationDecider.initialState();
    for (let index = snapshot * this.snapshotEvery; index < count; index++)
      state = applicationDecider.evolve(state, asStoredShape<ApplicationEvent>(this.events[index]));
    return state;
  }
}

const jsonOf = (view: ApplicationView | null): Buffer | null =>
  view === null ? null : Buffer.from(JSON.stringify(view), 'utf8');
