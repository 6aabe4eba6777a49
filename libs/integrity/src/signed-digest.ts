import { canonicalJson } from '@app/kernel';
import type { AuditKeyring } from './audit-keys';
import type { DigestRecord, DigestStore, StreamHead } from './digest-store';

/** What a digest's signature covers. */
export const digestText = (digest: Omit<DigestRecord, 'signature'>): string =>
  canonicalJson({
    id: digest.id,
    signedAt: digest.signedAt,
    keyId: digest.keyId,
    position: digest.position,
    streamCount: digest.streamCount,
    headsRoot: digest.headsRoot,
    previousSignature: digest.previousSignature,
  });

/** What a countersigned event's MAC covers: its place and its hash, so a row cannot be moved or replayed. */
export const signedEventText = (event: StreamHead): string =>
  canonicalJson({ streamName: event.streamName, revision: event.revision, hash: event.hash });

/**
 * `absent`: nothing was signed yet. `invalid`: the latest digest's signature does not verify, or
 * the stored head set no longer hashes to the root it signed (a head was edited, added or removed).
 */
export type DigestIntegrity =
  | Readonly<{ status: 'absent' }>
  | Readonly<{ status: 'valid'; digest: DigestRecord }>
  | Readonly<{ status: 'invalid'; digest: DigestRecord; reason: string }>;

export function checkDigestIntegrity(digests: DigestStore, keyring: AuditKeyring): DigestIntegrity {
  const digest = digests.latest();
  if (!digest) return { status: 'absent' };
  const { signature, ...signed } = digest;
  if (!keyring.verify(digest.keyId, digestText(signed), signature)) {
    return {
      status: 'invalid',
      digest,
      reason: `digest ${digest.id}: signature does not verify with key ${digest.keyId}`,
    };
  }
  const heads = digests.headsRoot();
  if (heads.root !== digest.headsRoot || heads.count !== digest.streamCount) {
    return {
      status: 'invalid',
      digest,
      reason: `digest ${digest.id}: the stored stream heads differ from the signed ones`,
    };
  }
  return { status: 'valid', digest };
}
