import { hash } from 'node:crypto';
import { canonicalJson } from '@app/kernel';

/** The part of an event the chain covers: everything but its own hash. */
export type ChainedEvent = Readonly<{
  streamName: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Readonly<Record<string, unknown>>;
}>;

/**
 * SHA-256 over the canonical JSON of the event's stream, revision, type, data and metadata
 * (without `hash`). The metadata carries `previousHash`, so each hash commits to the whole
 * stream prefix: editing, reordering or deleting any earlier event breaks every later link.
 */
export function eventHash(event: ChainedEvent): string {
  const metadata = Object.hasOwn(event.metadata, 'hash') ? withoutHash(event.metadata) : event.metadata;
  const canonical = canonicalJson({
    streamName: event.streamName,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
  });
  return hash('sha256', canonical, 'hex');
}

/** A copy without `hash`; metadata being sealed has none yet, and is hashed as it is. */
function withoutHash({ hash: _ignored, ...metadata }: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return metadata;
}

export type ChainCheck = Readonly<{ valid: boolean; checkedEvents: number; firstBrokenRevision?: number }>;

/** Walks a stream's events in revision order and names the first one whose link does not hold. */
export function verifyChain(events: readonly ChainedEvent[]): ChainCheck {
  let previousHash: string | null = null;
  for (const [index, event] of events.entries()) {
    const linked = event.revision === index && (event.metadata.previousHash ?? null) === previousHash;
    if (!linked || event.metadata.hash !== eventHash(event)) {
      return { valid: false, checkedEvents: index + 1, firstBrokenRevision: index };
    }
    previousHash = event.metadata.hash;
  }
  return { valid: true, checkedEvents: events.length };
}
