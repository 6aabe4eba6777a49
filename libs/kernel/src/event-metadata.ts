import type { Actor } from './actor';

/** The version of the metadata envelope below; bump it with an upcaster when its shape changes. */
export const METADATA_SCHEMA_VERSION = 1;

/**
 * Written with every event. `eventId` is derived from `commandId` and the event's index, so a
 * retried append is a no-op; `previousHash`/`hash` form the per-stream SHA-256 tamper-evidence chain.
 */
export type EventMetadata = Readonly<{
  eventId: string;
  commandId: string;
  commandType: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** When the command was accepted (UTC ISO-8601), from the clock at the edge. */
  recordedAt: string;
  schemaVersion: number;
  previousHash: string | null;
  hash: string;
}>;
