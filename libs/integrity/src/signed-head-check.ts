import type { RecordedEvent } from '@app/event-store';
import type { AuditKeyring } from './audit-keys';
import type { DigestRecord, DigestStore } from './digest-store';
import { checkDigestIntegrity, signedEventText } from './signed-digest';

/**
 * How a stream stands against the last signed digest:
 * - `verified`: every countersigned event is still there with the hash that was signed;
 * - `broken`: one is missing or differs; `firstBrokenRevision` is the first revision after the
 *   last one still matching (the earliest that can have changed);
 * - `unsigned`: no digest covers the stream yet; `unchecked`: no key to check signatures with;
 * - `digest-invalid`: the digests themselves were altered, so nothing can be vouched for.
 */
export type SignedHeadCheck = Readonly<{
  status: 'verified' | 'broken' | 'unsigned' | 'unchecked' | 'digest-invalid';
  digestId?: number;
  signedAt?: string;
  keyId?: string;
  /** The stream's head in the digest: the last revision it vouches for. */
  signedRevision?: number;
  firstBrokenRevision?: number;
  detail?: string;
}>;

export function checkSignedHead(
  streamName: string,
  events: readonly RecordedEvent[],
  digests: DigestStore,
  keyring: AuditKeyring,
): SignedHeadCheck {
  const integrity = checkDigestIntegrity(digests, keyring);
  if (integrity.status === 'absent') return { status: 'unsigned', detail: 'no digest has been signed yet' };
  const about = describe(integrity.digest);
  if (integrity.status === 'invalid') return { status: 'digest-invalid', ...about, detail: integrity.reason };
  const head = digests.head(streamName);
  if (!head) return { status: 'unsigned', ...about, detail: 'the stream is newer than the last digest' };
  const signed = digests.signedEvents(streamName);
  const last = signed.at(-1);
  if (
    !last ||
    last.revision !== head.revision ||
    last.hash !== head.hash ||
    signed.some((row) => !keyring.verify(row.keyId, signedEventText(row), row.mac))
  ) {
    return { status: 'digest-invalid', ...about, detail: `the countersigned events of ${streamName} were altered` };
  }
  const stored = new Map(events.map((event) => [event.revision, event.metadata.hash]));
  let lastMatching = -1;
  for (const row of signed) {
    if (stored.get(row.revision) !== row.hash) {
      const what = stored.has(row.revision) ? 'differs from' : 'is missing since';
      return {
        status: 'broken',
        ...about,
        signedRevision: head.revision,
        firstBrokenRevision: lastMatching + 1,
        detail: `revision ${row.revision} ${what} the signed digest`,
      };
    }
    lastMatching = row.revision;
  }
  return { status: 'verified', ...about, signedRevision: head.revision };
}

const describe = (digest: DigestRecord) => ({ digestId: digest.id, signedAt: digest.signedAt, keyId: digest.keyId });
