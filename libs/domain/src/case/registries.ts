import type { ApplicationCommand } from './commands';
import type { ApplicationEvent } from './events';
import type { ApplicationState, SubmittedApplication } from './state';

/**
 * A use case's deciders by command type. The aggregate joins every use case's registry into one of
 * the full command union, so a command without a decider does not compile (as `assertNever` would).
 */
export type Deciders<C extends ApplicationCommand> = {
  readonly [K in C['type']]: (command: Extract<C, { type: K }>, state: ApplicationState) => readonly ApplicationEvent[];
};

/**
 * How a use case's events change a received application, by event type. Events are facts: an
 * evolver never refuses one, it only records it (it throws only on a log no decider could write).
 */
export type Evolvers<E extends ApplicationEvent> = {
  readonly [K in E['type']]: (current: SubmittedApplication, event: Extract<E, { type: K }>) => ApplicationState;
};
