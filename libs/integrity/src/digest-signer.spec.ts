import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '@app/kernel';
import { SqliteEventStore, unparsedJson, type EventToAppend } from '@app/event-store';
import { AuditKeyring } from './audit-keys';
import { DigestSigner, DigestTamperedError } from './digest-signer';
import { DigestStore } from './digest-store';
import { verifyStream } from './stream-verification';
import { appendChainedStreams, chainedStream } from './testing/chained-streams.fixture';
import { K1, K2, KEYS, now, signedDataDir } from './testing/signed-data-dir.fixture';

describe('DigestSigner on a long log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-signer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets the event loop run between pages, so signing a first start does not hold requests', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await appendChainedStreams(store, 10);
    const digests = new DigestStore(join(dir, 'audit-digests.db'));
    const signer = new DigestSigner(
      store,
      digests,
      new AuditKeyring([{ id: 'k1', secret: randomBytes(32) }]),
      () => '2024-07-01T00:00:00.000Z',
      {
        pageSize: 10,
      },
    );
    let turnsWhileSigning = 0;
    let signing = true;
    const countTurns = () => {
      if (!signing) return;
      turnsWhileSigning++;
      setImmediate(countTurns);
    };
    setImmediate(countTurns);

    const result = await signer.signAll();
    signing = false;

    expect(result?.signedEvents).toBeGreaterThanOrEqual(50);
    expect(turnsWhileSigning).toBeGreaterThanOrEqual(5);
    digests.close();
    await store.close();
  });
});

describe('DigestSigner pausing between stretches of work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-signer-pause-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pauses after every page and after each commit, with how long each took, and signs what it signs without pauses', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await appendChainedStreams(store, 5); // 30 events
    const keyring = new AuditKeyring([{ id: 'k1', secret: randomBytes(32) }]);
    const pauses: number[] = [];
    const paused = new DigestStore(join(dir, 'paused.db'));
    const plain = new DigestStore(join(dir, 'plain.db'));
    const at = () => '2024-07-01T00:00:00.000Z';
    const options = { pageSize: 4, maxEvents: 20 };
    const pausing = new DigestSigner(store, paused, keyring, at, {
      ...options,
      pause: (busyMs) => Promise.resolve(pauses.push(busyMs)),
    });

    const result = await pausing.signAll();
    // Round 1: five pages of 4 events, a commit; round 2: pages of 4, 4 and 2, a commit.
    expect(pauses).toHaveLength(5 + 1 + 3 + 1);
    expect(pauses.every((busyMs) => busyMs >= 0)).toBe(true);
    expect(result).toEqual(await new DigestSigner(store, plain, keyring, at, options).signAll());
    paused.close();
    plain.close();
    await store.close();
  });
});

describe('DigestSigner on altered digests, broken links and rotated keys', () => {
  const root = mkdtempSync(join(tmpdir(), 'digest-signer-tamper-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('never signs on top of altered digests', async () => {
    const { dir, store: closed, digests } = await signedDataDir(root);
    const db = new Database(join(dir, 'audit-digests.db'));
    db.prepare(
      'UPDATE stream_heads SET revision = 3 WHERE stream_name = (SELECT min(stream_name) FROM stream_heads)',
    ).run();
    db.close();
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await expect(new DigestSigner(store, digests, KEYS, now).sign()).rejects.toBeInstanceOf(DigestTamperedError);
    await Promise.all([store.close(), closed.close()]);
  });

  it('refuses to countersign an event that does not extend its signed head, and what follows it', async () => {
    const { dir, digests } = await signedDataDir(root);
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const [stream] = await appendChainedStreams(store, 1);
    const db = new Database(join(dir, 'events.db'));
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.location', 'Elsewhere') WHERE stream_name = ? AND revision = 3",
    ).run(stream);
    db.close();
    const result = await new DigestSigner(store, digests, KEYS, now).signAll();
    expect(result).toMatchObject({
      signedEvents: 3,
      refused: [3, 4, 5].map((revision) => expect.objectContaining({ streamName: stream, revision })),
    });
    const verification = verifyStream(stream, await store.readStream(stream), { digests, keyring: KEYS });
    expect(verification).toMatchObject({
      valid: false,
      firstBrokenRevision: 3,
      signedHead: { status: 'verified', signedRevision: 2 },
    });
    await store.close();
  });

  it('checks digests signed with an older key after rotation, and signs new ones with the new key', async () => {
    const { dir, digests, verify } = await signedDataDir(root);
    const rotated = new AuditKeyring([K2, K1]);
    expect(await verify(rotated)).toMatchObject({ valid: true, signedHead: { keyId: 'k1' } });
    const store = new SqliteEventStore(join(dir, 'events.db'));
    await appendChainedStreams(store, 1);
    expect((await new DigestSigner(store, digests, rotated, now).signAll())?.digest.keyId).toBe('k2');
    await store.close();
    expect(await verify(rotated)).toMatchObject({ valid: true, signedHead: { keyId: 'k2' } });
    for (const onlyOne of [K1, K2]) {
      expect(await verify(new AuditKeyring([onlyOne]))).toMatchObject({
        valid: false,
        signedHead: { status: 'digest-invalid' },
      });
    }
  });
});

describe('DigestSigner checking hashes over the stored data text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-signer-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('countersigns and refuses exactly what it does from the parsed data, reading the text when it is canonical', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    // As the command pipeline stores them (canonical data text), and as a bulk import might (not canonical).
    const [canonical, asGiven] = ['ledger-canonical', 'ledger-as-given'];
    const events = chainedStream(canonical).map((event) => ({ ...event, dataJson: canonicalJson(event.data) }));
    await store.appendToStream(canonical, events, { expectedRevision: 'no-stream' });
    await store.appendToStream(asGiven, chainedStream(asGiven), { expectedRevision: 'no-stream' });
    const db = new Database(join(dir, 'events.db'));
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.location', 'Elsewhere') WHERE stream_name = ? AND revision = 4",
    ).run(canonical);
    db.close();

    const texts: (string | undefined)[] = [];
    const storedDataJson = (event: Parameters<typeof unparsedJson>[0]) => {
      texts.push(unparsedJson(event)?.data);
      return texts.at(-1);
    };
    const sign = async (file: string, options = {}) => {
      const digests = new DigestStore(join(dir, file));
      try {
        return await new DigestSigner(store, digests, KEYS, now, options).signAll();
      } finally {
        digests.close();
      }
    };
    const fromText = await sign('from-text.db', { storedDataJson });
    const fromParsed = await sign('from-parsed.db');

    expect(texts).toHaveLength(12);
    expect(texts.every((text) => typeof text === 'string')).toBe(true);
    expect(fromText).toMatchObject({
      signedEvents: 10,
      refused: [4, 5].map((revision) => expect.objectContaining({ revision })),
    });
    expect(fromText).toEqual(fromParsed);
    const rows = (file: string) => {
      const digests = new Database(join(dir, file), { readonly: true });
      const signed = digests.prepare('SELECT stream_name, revision, hash, mac FROM signed_events ORDER BY 1, 2').all();
      digests.close();
      return signed;
    };
    expect(rows('from-text.db')).toEqual(rows('from-parsed.db'));
    await store.close();
  });
});

describe('DigestSigner on a signed stream whose revision 0 comes again after the digest (a rewritten log)', () => {
  const root = mkdtempSync(join(tmpdir(), 'digest-signer-new-streams-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Signs `first` of a stream, deletes its rows by hand, appends `again` as the stream from revision 0, signs again. */
  async function signRewritten(first: EventToAppend[], again: EventToAppend[], stream: string) {
    const dir = mkdtempSync(join(root, 'case-'));
    const file = join(dir, 'events.db');
    const digests = new DigestStore(join(dir, 'audit-digests.db'));
    const before = new SqliteEventStore(file);
    await before.appendToStream(stream, first, { expectedRevision: 'no-stream' });
    await new DigestSigner(before, digests, KEYS, now).signAll();
    await before.close();
    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE stream_name = ?').run(stream);
    db.close();
    const store = new SqliteEventStore(file);
    await store.appendToStream(stream, again, { expectedRevision: 'no-stream' });
    const commits = jest.spyOn(digests, 'commit');
    const result = await new DigestSigner(store, digests, KEYS, now).signAll();
    await store.close();
    return { result, commits, digests };
  }

  it("refuses the whole stream again, as against its signed head: the commit's unique keys refuse the round that took it for new, which is read again", async () => {
    const stream = 'ledger-rewritten';
    const { result, commits, digests } = await signRewritten(chainedStream(stream), chainedStream(stream), stream);
    expect(result).toMatchObject({
      signedEvents: 0,
      refused: [0, 1, 2, 3, 4, 5].map((revision) => expect.objectContaining({ streamName: stream, revision })),
    });
    expect(commits).toHaveBeenCalledTimes(2);
    expect(digests.head(stream)?.revision).toBe(5);
    expect(digests.signedEvents(stream).map((row) => row.digestId)).toEqual([1, 1, 1, 1, 1, 1]);
    digests.close();
  });

  it('judges what follows a refused revision 0 against the real head: the next revision of the signed chain is signed', async () => {
    const stream = 'ledger-extended';
    const [original, next] = chainedStream(stream, 2);
    const altered = { ...original, data: { ...original.data, location: 'Elsewhere' } };
    const { result, digests } = await signRewritten([original], [altered, next], stream);
    expect(result).toMatchObject({ signedEvents: 1, refused: [expect.objectContaining({ revision: 0 })] });
    expect(digests.head(stream)).toEqual({ streamName: stream, revision: 1, hash: next.metadata.hash });
    digests.close();
  });
});
