/** Nest injection token of the configured `EventStore` adapter. */
export const EVENT_STORE = Symbol('EventStore');
