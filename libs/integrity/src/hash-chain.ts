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

/** A new event's hash, and its data's canonical JSON, the text it was computed over (the store may keep it). */
export type SealedHash = Readonly<{ hash: string; dataJson: string }>;

/**
 * `eventHash` of an event being sealed (its metadata has no `hash` yet), giving also the data's
 * canonical JSON: the hashed text is the very text `canonicalJson` gives for the whole event,
 * assembled around it, so the store can keep that text as the event's data instead of
 * serializing the data a second time (it parses to the same value).
 */
export function sealedEventHash(event: ChainedEvent): SealedHash {
  if (event.data === undefined || Object.hasOwn(event.metadata, 'hash'))
    throw new TypeError('sealedEventHash: an event being sealed has data and no hash yet');
  const data = canonicalJson(event.data);
  const canonical = flat(canonicalEventText(event, data, event.metadata));
  const dataJson = canonical.slice(DATA_MEMBER.length, DATA_MEMBER.length + data.length);
  return { hash: hash('sha256', canonical, 'hex'), dataJson };
}

/**
 * `eventHash` of a stored event computed over its data's stored text instead of its parsed data:
 * the same text `eventHash` hashes when `dataJson` is the data's canonical JSON, which is what the
 * store keeps of an event sealed here (`sealedEventHash`), so a reader that only checks hashes
 * need not parse the data. Any other text gives another hash; a caller then asks `eventHash`.
 */
export function eventHashOverDataText(event: Omit<ChainedEvent, 'data'>, dataJson: string): string {
  const metadata = Object.hasOwn(event.metadata, 'hash') ? withoutHash(event.metadata) : event.metadata;
  return hash('sha256', canonicalEventText(event, dataJson, metadata), 'hex');
}

/**
 * The canonical JSON of an event (its members in key order: data, metadata, revision, streamName,
 * type) around its data's canonical JSON text, as `canonicalJson` of the whole event gives it.
 */
function canonicalEventText(
  event: Omit<ChainedEvent, 'data' | 'metadata'>,
  dataJson: string,
  metadata: Readonly<Record<string, unknown>>,
): string {
  return `${DATA_MEMBER}${dataJson},"metadata":${canonicalJson(metadata)},"revision":${canonicalJson(
    event.revision,
  )},"streamName":${canonicalJson(event.streamName)},"type":${canonicalJson(event.type)}}`;
}

/** How the canonical JSON of an event begins: its data is the first member (keys sorted). */
const DATA_MEMBER = '{"data":';

/**
 * The same string, flat: canonical JSON is built by concatenation, a tree of small strings that
 * V8 copies into one when asked for its characters (ToNumber asks, the `flatstr` trick). The
 * event's text is flattened once, before it is hashed; the data's text is then a slice of it (V8
 * keeps a slice of a flat string as a view, not a copy), so the data is neither copied a second
 * time nor walked as a tree by the store.
 */
function flat(text: string): string {
  void Number(text);
  return text;
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
