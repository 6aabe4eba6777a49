import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@app/event-store';
import {
  AuditKeyring,
  DigestSigner,
  DigestStore,
  DigestTamperedError,
  type SigningResult,
  checkDigestIntegrity,
  verifyStream,
} from '@app/integrity';
import { appendChainedStreams } from '../../../../../libs/integrity/src/testing/chained-streams.fixture';
import { createLegacyDigestsFile } from '../../../../../libs/integrity/src/testing/legacy-digests.fixture';
import { DigestSigningThread } from './digest-signing-thread';

const KEY = { id: 'k1', secret: randomBytes(32) };
const KEYRING = new AuditKeyring([KEY]);
const SIGNED_AT = '2024-07-01T00:00:00.000Z';

/** A data directory with `streams` chained streams, and a signing thread over it. */
async function dataDir(root: string, streams: number) {
  const dir = mkdtempSync(join(root, 'case-'));
  const eventsFile = join(dir, 'events.db');
  const store = new SqliteEventStore(eventsFile);
  const names = await appendChainedStreams(store, streams);
  const digestsFile = join(dir, 'audit-digests.db');
  const thread = new DigestSigningThread(
    { eventsFile, digestsFile, keys: KEYRING.keysForThread(), busyTimeoutMs: 5_000 },
    () => SIGNED_AT,
  );
  return { dir, store, names, eventsFile, digestsFile, thread };
}

/**
 * What the thread signed against the signer in process over the same log, into a file of its own:
 * the same result, the same countersignature rows for `name`, and a valid digests file. Returns
 * the thread's file, opened, for more checks.
 */
async function expectSignedAsInProcess(
  threaded: SigningResult | null,
  { dir, store, digestsFile }: Readonly<{ dir: string; store: SqliteEventStore; digestsFile: string }>,
  name: string,
): Promise<DigestStore> {
  const inProcess = new DigestStore(join(dir, 'in-process.db'));
  expect(threaded).toEqual(await new DigestSigner(store, inProcess, KEYRING, () => SIGNED_AT).signAll());
  const written = new DigestStore(digestsFile);
  expect(written.signedEvents(name)).toEqual(inProcess.signedEvents(name));
  expect(checkDigestIntegrity(written, KEYRING).status).toBe('valid');
  inProcess.close();
  return written;
}

describe('DigestSigningThread', () => {
  const root = mkdtempSync(join(tmpdir(), 'digest-thread-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('signs on its thread the same digest and countersignatures as the signer in process', async () => {
    const { dir, store, names, digestsFile, thread } = await dataDir(root, 4);
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const threaded = await thread.signAll();
    await thread.close();
    expect(logged).not.toHaveBeenCalled(); // a new file has the appended layout: nothing moved, nothing said
    const written = await expectSignedAsInProcess(threaded, { dir, store, digestsFile }, names[2]);
    expect(threaded).toMatchObject({ signedEvents: 24, caughtUp: true, digest: { position: 24, streamCount: 4 } });
    const events = await store.readStream(names[0]);
    expect(verifyStream(names[0], events, { digests: written, keyring: KEYRING })).toMatchObject({ valid: true });
    written.close();
    await store.close();
  });

  it('signs what was appended since its last round, one request after another', async () => {
    const { store, thread } = await dataDir(root, 1);
    const first = await thread.signAll();
    await appendChainedStreams(store, 2);
    const [second, third] = await Promise.all([thread.signAll(), thread.signAll()]);
    await thread.close();

    expect(first).toMatchObject({ signedEvents: 6, digest: { id: 1, position: 6 } });
    expect(second).toMatchObject({ signedEvents: 12, digest: { id: 2, position: 18 } });
    expect(third).toMatchObject({ signedEvents: 0, digest: { id: 2 } });
    await store.close();
  });

  it('refuses to sign on top of altered digests with a DigestTamperedError, as the signer in process does', async () => {
    const { store, names, digestsFile, thread } = await dataDir(root, 2);
    await thread.signAll();
    const db = new Database(digestsFile);
    db.prepare('UPDATE stream_heads SET hash = ? WHERE stream_name = ?').run('0'.repeat(64), names[0]);
    db.close();
    await appendChainedStreams(store, 1);

    const refused = await thread.signAll().catch((error: unknown) => error);
    await thread.close();
    expect(refused).toBeInstanceOf(DigestTamperedError);
    expect((refused as Error).message).toMatch(/head/i);
    await store.close();
  });

  it('moves a digests file kept in the legacy layout to the appended one before its first round, and signs on from it', async () => {
    const { store, names, digestsFile, thread } = await dataDir(root, 2);
    const legacy = new DigestStore(createLegacyDigestsFile(digestsFile));
    const before = await new DigestSigner(store, legacy, KEYRING, () => SIGNED_AT).signAll();
    const signedBefore = legacy.signedEvents(names[1]);
    legacy.close();
    await appendChainedStreams(store, 1);
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

    const after = await thread.signAll();
    await thread.close();
    expect(after).toMatchObject({ signedEvents: 6, digest: { id: before!.digest.id + 1, position: 18 } });
    expect(logged.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^Moved the 12 countersigned events of .+ to the layout signing appends to, in \d+\.\d s \(once;/,
        ),
      ],
    ]);
    const written = new DigestStore(digestsFile);
    expect(written.keepsLegacyLayout()).toBe(false);
    expect(written.signedEvents(names[1])).toEqual(signedBefore);
    expect(checkDigestIntegrity(written, KEYRING).status).toBe('valid');
    for (const name of names) {
      expect(verifyStream(name, await store.readStream(name), { digests: written, keyring: KEYRING })).toMatchObject({
        valid: true,
      });
    }
    written.close();
    await store.close();
  });

  it('signs the same working a third of the time as without pauses, and refuses a share of the time out of (0, 1]', async () => {
    const { dir, store, names, digestsFile, thread } = await dataDir(root, 3);
    expect(() => thread.signAll(0)).toThrow(RangeError);
    const paced = await thread.signAll(1 / 3);
    await thread.close();
    const written = await expectSignedAsInProcess(paced, { dir, store, digestsFile }, names[0]);
    expect(paced).toMatchObject({ signedEvents: 18, caughtUp: true, digest: { position: 18, streamCount: 3 } });
    written.close();
    await store.close();
  });

  it('ends the pauses of a round under way when hurried, when a sign without pauses is asked for, or at a stop', async () => {
    // At a thousandth of the time, a page of 1,000 events that takes 20 ms is followed by 20 s of pause.
    const started = performance.now();
    const hurried = await dataDir(root, 300);
    const signing = hurried.thread.signAll(0.001);
    await new Promise((resolve) => setTimeout(resolve, 200));
    hurried.thread.hurry();
    await expect(signing).resolves.toMatchObject({ signedEvents: 1800, caughtUp: true });
    await hurried.thread.close();
    await hurried.store.close();

    const first = await dataDir(root, 300);
    const paced = first.thread.signAll(0.001);
    const asked = first.thread.signAll(1);
    await expect(paced).resolves.toMatchObject({ signedEvents: 1800, caughtUp: true });
    await expect(asked).resolves.toMatchObject({ signedEvents: 0 });
    await first.thread.close();
    await first.store.close();

    const second = await dataDir(root, 300);
    const stopped = second.thread.signAll(0.001);
    await second.thread.close();
    await expect(stopped).resolves.toMatchObject({ signedEvents: 1800, digest: { position: 1800 } });
    await second.store.close();
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 40_000);

  it('answers a failed start with its error, and starts a new thread on the next request', async () => {
    const dir = mkdtempSync(join(root, 'missing-'));
    const eventsFile = join(dir, 'events.db');
    const store = new SqliteEventStore(eventsFile);
    await appendChainedStreams(store, 1);
    const digestsDir = join(dir, 'not-yet');
    const thread = new DigestSigningThread(
      {
        eventsFile,
        digestsFile: join(digestsDir, 'audit-digests.db'),
        keys: KEYRING.keysForThread(),
        busyTimeoutMs: 5_000,
      },
      () => SIGNED_AT,
    );

    await expect(thread.signAll()).rejects.toThrow(/directory does not exist|unable to open/i);
    mkdirSync(digestsDir);
    await expect(thread.signAll()).resolves.toMatchObject({ signedEvents: 6 });
    await thread.close();
    await store.close();
  });

  it('lets the round under way commit when it is closed, and answers it', async () => {
    const { store, digestsFile, thread } = await dataDir(root, 300);
    const signing = thread.signAll();
    await thread.close();

    await expect(signing).resolves.toMatchObject({ signedEvents: 1800, digest: { id: 1, position: 1800 } });
    const written = new DigestStore(digestsFile);
    expect(checkDigestIntegrity(written, KEYRING).status).toBe('valid');
    written.close();
    await store.close();
  });

  it('closes without a thread to stop', async () => {
    const { store, thread } = await dataDir(root, 1);
    await expect(thread.close()).resolves.toBeUndefined();
    await store.close();
  });
});
