import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore, unparsedJson } from '@app/event-store';
import { AuditKeyring, DigestSigner, DigestStore } from '@app/integrity';
import type { SigningThreadData, SigningThreadReply, SigningThreadRequest } from './digest-signing.protocol';

/**
 * The digest signing thread (see DigestSigningThread): its own connections to the event log and the
 * digests' file, the keyring, and one request at a time.
 */
const data = workerData as SigningThreadData;
const port = parentPort!;
const events = new SqliteEventStore(data.eventsFile, { busyTimeoutMs: data.busyTimeoutMs });
const digests = new DigestStore(data.digestsFile);
const keyring = new AuditKeyring(data.keys.map(({ id, secret }) => ({ id, secret: Buffer.from(secret) })));
let signedAt = '';
const signer = new DigestSigner(events, digests, keyring, () => signedAt, {
  storedDataJson: (event) => unparsedJson(event)?.data,
});
let stopping = false;
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: SigningThreadRequest) => {
  if (request.kind === 'stop') {
    stopping = true;
    queue = queue.then(close);
    return;
  }
  queue = queue.then(() => signAll(request.id, request.signedAt));
});

/** Rounds until the digest covers the log; a stop lets the round under way commit, then ends. */
async function signAll(id: number, at: string): Promise<void> {
  signedAt = at;
  let reply: SigningThreadReply;
  try {
    let result = await signer.sign();
    while (result && !result.caughtUp && !stopping) result = await signer.sign();
    reply = { id, result };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name, message } };
  }
  port.postMessage(reply);
}

async function close(): Promise<void> {
  digests.close();
  await events.close();
  port.close();
}
