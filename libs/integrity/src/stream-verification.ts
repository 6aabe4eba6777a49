import type { RecordedEvent } from '@app/event-store';
import type { AuditKeyring } from './audit-keys';
import type { DigestStore } from './digest-store';
import { verifyChain, type ChainCheck } from './hash-chain';
import { checkSignedHead, type SignedHeadCheck } from './signed-head-check';

/** Where signed digests are kept and the key to check them; `keyring` null when none is configured. */
export type TamperEvidence = Readonly<{ digests: DigestStore; keyring: AuditKeyring | null }>;

/**
 * shared/API.md's `{ valid, checkedEvents, firstBrokenRevision? }`, plus both checks it combines:
 * the hash chain (an edit, reorder or deletion inside the stream) and the signed heads (a
 * truncated stream, or one rewritten with recomputed hashes).
 */
export type Verification = ChainCheck & Readonly<{ chain: ChainCheck; signedHead: SignedHeadCheck }>;

export function verifyStream(
  streamName: string,
  events: readonly RecordedEvent[],
  evidence: TamperEvidence | null,
): Verification {
  const chain = verifyChain(events);
  const signedHead: SignedHeadCheck = evidence?.keyring
    ? checkSignedHead(streamName, events, evidence.digests, evidence.keyring)
    : { status: 'unchecked', detail: 'no audit key to check digests with' };
  const broken = [chain.firstBrokenRevision, signedHead.firstBrokenRevision].filter(
    (revision): revision is number => revision !== undefined,
  );
  const valid = chain.valid && signedHead.status !== 'broken' && signedHead.status !== 'digest-invalid';
  return {
    valid,
    checkedEvents: chain.checkedEvents,
    ...(broken.length > 0 ? { firstBrokenRevision: Math.min(...broken) } : {}),
    chain,
    signedHead,
  };
}
