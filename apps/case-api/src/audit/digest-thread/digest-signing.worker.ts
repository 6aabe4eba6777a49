import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore, unparsedJson } from '@app/event-store';
import { AuditKeyring, DigestSigner, DigestStore } from '@app/integrity';
import { idleAfter } from './signing-duty';
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
/** The share of the time the request under way works (its `duty`), raised by any request that comes meanwhile. */
let duty = 1;
/** Ends the pause under way, if any. */
let endPause: (() => void) | null = null;
const signer = new DigestSigner(events, digests, keyring, () => signedAt, {
  storedDataJson: (event) => unparsedJson(event)?.data,
  pause,
});
let stopping = false;
let queue: Promise<void> = Promise.resolve();
/** Whether this thread has given the digests' file its appended layout (once, before its first round). */
let layoutChecked = false;

port.on('message', (request: SigningThreadRequest) => {
  // A sign asked for without pauses, or a stop (which lets the round commit), hurries the round under way.
  hurry(request.kind === 'stop' ? 1 : request.duty);
  if (request.kind === 'hurry') return;
  if (request.kind === 'stop') {
    stopping = true;
    queue = queue.then(close);
    return;
  }
  queue = queue.then(() => signAll(request.id, request.signedAt, request.duty));
});

/** After `busyMs` of work: a turn of the event loop, or a pause that makes the work `duty` of the time. */
function pause(busyMs: number): Promise<unknown> {
  if (duty >= 1) return yieldToRequests();
  return new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      endPause = null;
      resolve();
    };
    const timer = setTimeout(end, idleAfter(busyMs, duty));
    endPause = end;
  });
}

/** Has the signing under way work at least `share` of the time from now on: its pause under way ends. */
function hurry(share: number): void {
  if (share <= duty) return;
  duty = share;
  endPause?.();
}

/** Rounds until the digest covers the log; a stop lets the round under way commit, then ends. */
async function signAll(id: number, at: string, share: number): Promise<void> {
  signedAt = at;
  duty = share;
  let reply: SigningThreadReply;
  try {
    appendSignedEventsOnce();
    let result = await signer.sign();
    while (result && !result.caughtUp && !stopping) result = await signer.sign();
    reply = { id, result };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name, message } };
  }
  port.postMessage(reply);
}

/**
 * A digests file in the legacy layout gets the one a round appends to (DigestStore.appendSignedEvents:
 * ~4 s for 1M signed events, here, off the event loop), and the service's log says so. Tried once:
 * should it fail, the round's answer says so, the file stays as it was, and the rounds after it
 * sign in the legacy layout.
 */
function appendSignedEventsOnce(): void {
  if (layoutChecked) return;
  layoutChecked = true;
  try {
    const started = performance.now();
    const moved = digests.appendSignedEvents();
    if (moved !== null)
      port.postMessage({ notice: movedNotice(moved, performance.now() - started) } satisfies SigningThreadReply);
  } catch (error) {
    throw new Error(
      `the countersigned events could not be moved to their appended layout (the file is as it was; the next rounds sign in the old one): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const movedNotice = (events: number, ms: number): string =>
  `Moved the ${events.toLocaleString('en')} countersigned events of ${data.digestsFile} to the layout signing appends to, ` +
  `in ${(ms / 1000).toFixed(1)} s (once; the old table's pages stay free in the file for the rows that follow)`;

async function close(): Promise<void> {
  digests.close();
  await events.close();
  port.close();
}
