import type { AuditKey, SigningResult } from '@app/integrity';

/** What the signing thread opens: the event log it reads, the digests' file it writes, the keys it signs with. */
export type SigningThreadData = Readonly<{
  eventsFile: string;
  digestsFile: string;
  keys: readonly AuditKey[];
  busyTimeoutMs: number;
}>;

/**
 * Sign until the digest covers the log, dating the digests `signedAt` and working `duty` of the
 * time (1: without pauses; see `idleAfter`); have the signing under way work at least `duty` of
 * the time from now on; or finish the round under way and stop.
 */
export type SigningThreadRequest =
  | Readonly<{ kind: 'sign'; id: number; signedAt: string; duty: number }>
  | Readonly<{ kind: 'hurry'; duty: number }>
  | Readonly<{ kind: 'stop' }>;

/**
 * The answer to request `id`: its last round's result, or the error that ended it; or, outside any
 * answer, something the operator should read in the service's log (`notice`).
 */
export type SigningThreadReply =
  | Readonly<{ id: number; result: SigningResult | null }>
  | Readonly<{ id: number; error: Readonly<{ name: string; message: string }> }>
  | Readonly<{ notice: string }>;
