import type { Command, Event } from './message';

/**
 * A pure decider for one stream type: `decide` turns a command and the current state into
 * events (always an array); `evolve` folds one event into the state. No I/O, no clock.
 */
export type Decider<C extends Command, E extends Event, S> = Readonly<{
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => readonly E[];
}>;

/** Folds `evolve` over events from the initial state. */
export function fold<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, events: Iterable<E>): S {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
