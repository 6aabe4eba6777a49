import { DomainError, type Command, type Decider, type DomainErrorKind, type Event } from '@app/kernel';

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Given/when/then for a pure decider (STYLE.md). The given events are folded through a JSON round
 * trip after each one, so a state or an event that does not survive storage fails the spec.
 */
export type DeciderThen<E extends Event> = Readonly<{
  /** The command decides exactly these events (and they are plain JSON). */
  then: (expected: readonly E[]) => void;
  /** The command decides no events (an idempotent repeat). */
  thenNothingHappens: () => void;
  /** The decided events satisfy `assert` (for specs about one field of a large event). */
  thenEvents: (assert: (events: readonly E[]) => void) => void;
  /** The command is refused with a DomainError of this code (and kind, when given). */
  thenThrows: (code: string, kind?: DomainErrorKind) => void;
}>;

export type DeciderGiven<C extends Command, E extends Event> = Readonly<{ when: (command: C) => DeciderThen<E> }>;

export type DeciderSpecification<C extends Command, E extends Event> = Readonly<{
  given: (events?: readonly E[]) => DeciderGiven<C, E>;
}>;

export function foldStored<C extends Command, E extends Event, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(roundTrip(state), roundTrip(event)), decider.initialState());
}

function thenFor<C extends Command, E extends Event, S>(
  decider: Decider<C, E, S>,
  given: readonly E[],
  command: C,
): DeciderThen<E> {
  const run = (): readonly E[] => decider.decide(command, foldStored(decider, given));
  const decided = (): readonly E[] => {
    const events = run();
    expect(roundTrip(events)).toStrictEqual(events);
    return events;
  };
  return {
    then: (expected) => expect(decided()).toEqual(expected),
    thenNothingHappens: () => expect(decided()).toEqual([]),
    thenEvents: (assert) => assert(decided()),
    thenThrows: (code, kind) => {
      let thrown: unknown = undefined;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe(code);
      if (kind !== undefined) expect((thrown as DomainError).kind).toBe(kind);
    },
  };
}

/** `DeciderSpecification(decider).given([received()]).when(approve()).then([approved()])`. */
export function DeciderSpecification<C extends Command, E extends Event, S>(
  decider: Decider<C, E, S>,
): DeciderSpecification<C, E> {
  return { given: (events = []) => ({ when: (command) => thenFor(decider, events, command) }) };
}
