import { METADATA_SCHEMA_VERSION, type Event, type EventMetadata } from '@app/kernel';
import type { EventToAppend } from '@app/event-store';
import { eventIdFor, sealedEventHash } from '@app/integrity';
import type { CommandContext } from './command-context';

/**
 * Wraps the decided events for the store: deterministic ids, the context's metadata, and the
 * next links of the stream's hash chain starting after `previousHash` at `firstRevision`. Each
 * event carries the canonical JSON of its data that its hash was computed over, which a store may
 * keep as the data's text (serialized once, not twice): not enumerable, so a copy of the event
 * (spread, JSON) goes without it, and a copy given other data never carries a stale text.
 */
export function envelope(
  stream: string,
  events: readonly Event[],
  commandType: string,
  context: CommandContext,
  chain: Readonly<{ firstRevision: number; previousHash: string | null }>,
): EventToAppend[] {
  let previousHash = chain.previousHash;
  return events.map((event, index) => {
    const revision = chain.firstRevision + index;
    const unsealed = {
      eventId: eventIdFor(context.commandId, index),
      commandId: context.commandId,
      commandType,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: { id: context.actor.id, role: context.actor.role },
      recordedAt: context.now,
      schemaVersion: METADATA_SCHEMA_VERSION,
      previousHash,
    };
    const { hash, dataJson } = sealedEventHash({
      streamName: stream,
      revision,
      type: event.type,
      data: event.data,
      metadata: unsealed,
    });
    const metadata: EventMetadata = { ...unsealed, hash };
    previousHash = hash;
    const sealed = {
      eventId: metadata.eventId,
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata,
    };
    return Object.defineProperty(sealed, 'dataJson', { value: dataJson });
  });
}
