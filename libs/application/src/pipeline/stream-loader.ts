import type { Decider, Event } from '@app/kernel';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@app/event-store';
import { EVENT_UPCASTERS } from './upcasting/event-upcasters';
import { upcast } from './upcasting/upcaster';

/** Turns a stored event into the current shape the domain knows (upcasting older shapes). */
export type EventReader<E extends Event> = (recorded: RecordedEvent) => E;

/**
 * The one place where a stored event becomes a domain event: older shapes are upcast to the
 * current one here, on every read, and the stored event is never rewritten.
 */
export const asStoredShape = <E extends Event>(recorded: RecordedEvent): E =>
  upcast({ type: recorded.type, data: recorded.data }, EVENT_UPCASTERS) as E;

export type LoadedStream<S> = Readonly<{
  state: S;
  events: readonly RecordedEvent[];
  /** Revision of the last event, or null for a stream that has none. */
  revision: number | null;
}>;

export async function readStreamOrEmpty(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  if (store.readStreamOrEmpty) return store.readStreamOrEmpty(stream);
  try {
    return await store.readStream(stream);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** Reads a stream and folds the decider's `evolve` over it. */
export async function loadStream<S, E extends Event>(
  store: EventStore,
  decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>,
  stream: string,
  read: EventReader<E> = asStoredShape,
): Promise<LoadedStream<S>> {
  const events = await readStreamOrEmpty(store, stream);
  let state = decider.initialState();
  for (const recorded of events) state = decider.evolve(state, read(recorded));
  const last = events.at(-1);
  return { state, events, revision: last ? last.revision : null };
}
