/** An event as stored: its stable type name and its data, in whatever shape it was written. */
export type StoredEvent = Readonly<{ type: string; data: Readonly<Record<string, unknown>> }>;

/**
 * Turns one frozen older shape of an event type into the next one. Pure and total on the shape
 * it `recognises`, so replaying the same stored event always gives the same current event.
 */
export type Upcaster = Readonly<{
  type: string;
  /** Name of the frozen shape it reads, e.g. `ExtensionRefusedV1`. */
  from: string;
  recognises(data: Readonly<Record<string, unknown>>): boolean;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}>;

export type UpcasterRegistry = ReadonlyMap<string, readonly Upcaster[]>;

export function upcasterRegistry(upcasters: readonly Upcaster[]): UpcasterRegistry {
  const byType = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) byType.set(upcaster.type, [...(byType.get(upcaster.type) ?? []), upcaster]);
  return byType;
}

/**
 * Brings a stored event to the current shape by applying, in turn, every upcaster that
 * recognises it (V1 → V2 → …). The stored event itself is never changed.
 */
export function upcast(event: StoredEvent, registry: UpcasterRegistry): StoredEvent {
  const candidates = registry.get(event.type);
  if (!candidates) return event;
  let data = event.data;
  for (let step = 0; step <= candidates.length; step++) {
    const next = candidates.find((upcaster) => upcaster.recognises(data));
    if (!next) return { type: event.type, data };
    data = next.upcast(data);
  }
  throw new Error(`Upcasters of ${event.type} do not settle: one of them recognises its own output`);
}
