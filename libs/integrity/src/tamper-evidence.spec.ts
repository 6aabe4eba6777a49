import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@app/event-store';
import { AuditKeyring } from './audit-keys';
import { DigestSigner, DigestTamperedError } from './digest-signer';
import { DigestStore } from './digest-store';
import { eventHash } from './hash-chain';
import { verifyStream } from './stream-verification';
import { appendChainedStreams } from './testing/chained-streams.fixture';

const K1 = { id: 'k1', secret: randomBytes(32) };
const K2 = { id: 'k2', secret: randomBytes(32) };
const KEYS = new AuditKeyring([K1]);
const now = () => '2024-07-01T00:00:00.000Z';

type Row = { position: number; revision: number; type: string; data: string; metadata: string };

/** A data directory with three chained streams (six events each) and a digest signed over them. */
async function signedDataDir(root: string) {
  const dir = mkdtempSync(join(root, 'case-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const streams = await appendChainedStreams(store, 3);
  const digests = new DigestStore(join(dir, 'audit-digests.db'));
  await new DigestSigner(store, digests, KEYS, now).signAll();
  await store.close();
  const stream = streams[1];
  /** Edits the event store file directly, as someone with write access to the disk could. */
  const tamper = (edit: (db: Database.Database, rows: Row[]) => void) => {
    const db = new Database(join(dir, 'events.db'));
    edit(
      db,
      db
        .prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_name = ? ORDER BY revision')
        .all(stream) as Row[],
    );
    db.close();
  };
  const verify = async (keys: AuditKeyring | null = KEYS) => {
    const reopened = new SqliteEventStore(join(dir, 'events.db'));
    const events = await reopened.readStream(stream);
    await reopened.close();
    return verifyStream(stream, events, { digests, keyring: keys });
  };
  return { dir, store, digests, stream, tamper, verify };
}

/** Rewrites one event's data and recomputes its hash and every later one: a chain that checks out on its own. */
function rewriteFrom(
  db: Database.Database,
  rows: Row[],
  from: number,
  change: (data: Record<string, unknown>) => void,
  stream: string,
): void {
  let previousHash: string | null = from === 0 ? null : JSON.parse(rows[from - 1].metadata).hash;
  for (const row of rows.slice(from)) {
    const data = JSON.parse(row.data);
    if (row.revision === from) change(data);
    const metadata = { ...JSON.parse(row.metadata), previousHash };
    metadata.hash = eventHash({ streamName: stream, revision: row.revision, type: row.type, data, metadata });
    previousHash = metadata.hash;
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      row.position,
    );
  }
}

describe('tamper evidence against direct edits of the SQLite event store', () => {
  const root = mkdtempSync(join(tmpdir(), 'tamper-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('an untouched stream verifies against the chain and the signed digest', async () => {
    const { verify } = await signedDataDir(root);
    expect(await verify()).toMatchObject({
      valid: true,
      checkedEvents: 6,
      signedHead: { status: 'verified', signedRevision: 5, keyId: 'k1' },
    });
  });

  it('edited data: the chain breaks at that revision', async () => {
    const { tamper, verify } = await signedDataDir(root);
    tamper((db, rows) =>
      db
        .prepare("UPDATE events SET data = json_set(data, '$.location', 'Elsewhere') WHERE position = ?")
        .run(rows[3].position),
    );
    expect(await verify()).toMatchObject({
      valid: false,
      firstBrokenRevision: 3,
      chain: { valid: false, firstBrokenRevision: 3 },
    });
  });

  it('edited metadata (who acted): the chain breaks at that revision', async () => {
    const { tamper, verify } = await signedDataDir(root);
    tamper((db, rows) =>
      db
        .prepare("UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'officer-99') WHERE position = ?")
        .run(rows[4].position),
    );
    expect(await verify()).toMatchObject({ valid: false, firstBrokenRevision: 4 });
  });

  it('two events swapped: detected at the first of them, by the chain and by the digest', async () => {
    const { tamper, verify } = await signedDataDir(root);
    tamper((db, rows) => {
      const move = db.prepare('UPDATE events SET revision = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, rows[1].position);
        move.run(1, rows[2].position);
        move.run(2, rows[1].position);
      })();
    });
    expect(await verify()).toMatchObject({
      valid: false,
      firstBrokenRevision: 1,
      chain: { firstBrokenRevision: 1 },
      signedHead: { status: 'broken', firstBrokenRevision: 1 },
    });
  });

  it('an event deleted from the middle: detected at its revision', async () => {
    const { tamper, verify } = await signedDataDir(root);
    tamper((db, rows) => db.prepare('DELETE FROM events WHERE position = ?').run(rows[2].position));
    expect(await verify()).toMatchObject({
      valid: false,
      firstBrokenRevision: 2,
      signedHead: { status: 'broken', firstBrokenRevision: 2 },
    });
  });

  it('the last event deleted: the chain still holds, the signed head names the missing revision', async () => {
    const { tamper, verify } = await signedDataDir(root);
    tamper((db, rows) => db.prepare('DELETE FROM events WHERE position = ?').run(rows[5].position));
    expect(await verify()).toMatchObject({
      valid: false,
      checkedEvents: 5,
      firstBrokenRevision: 5,
      chain: { valid: true },
      signedHead: { status: 'broken', firstBrokenRevision: 5 },
    });
  });

  it('the whole stream rewritten with recomputed hashes: the chain holds, the digest does not', async () => {
    const { tamper, verify, stream } = await signedDataDir(root);
    tamper((db, rows) =>
      rewriteFrom(db, rows, 0, (data) => Object.assign(data, { receivedAt: '2024-05-01T09:00:00Z' }), stream),
    );
    expect(await verify()).toMatchObject({
      valid: false,
      firstBrokenRevision: 0,
      chain: { valid: true },
      signedHead: { status: 'broken', firstBrokenRevision: 0 },
    });
  });

  it('a stream rewritten from the middle with recomputed hashes: detected at the first rewritten revision', async () => {
    const { tamper, verify, stream } = await signedDataDir(root);
    tamper((db, rows) =>
      rewriteFrom(db, rows, 4, (data) => Object.assign(data, { notes: 'Refusal reversed.' }), stream),
    );
    expect(await verify()).toMatchObject({ valid: false, firstBrokenRevision: 4, chain: { valid: true } });
  });

  it('the digests edited to match a rewritten stream: the digests no longer verify', async () => {
    const { dir, tamper, verify, stream } = await signedDataDir(root);
    tamper((db, rows) =>
      rewriteFrom(db, rows, 0, (data) => Object.assign(data, { receivedAt: '2024-05-01T09:00:00Z' }), stream),
    );
    const rewritten = new Database(join(dir, 'events.db'));
    const hashes = rewritten
      .prepare("SELECT revision, json_extract(metadata, '$.hash') AS hash FROM events WHERE stream_name = ?")
      .all(stream) as { revision: number; hash: string }[];
    rewritten.close();
    const digests = new Database(join(dir, 'audit-digests.db'));
    for (const { revision, hash } of hashes)
      digests
        .prepare('UPDATE signed_events SET hash = ? WHERE stream_name = ? AND revision = ?')
        .run(hash, stream, revision);
    digests.prepare('UPDATE stream_heads SET hash = ? WHERE stream_name = ?').run(hashes[5].hash, stream);
    digests.close();
    expect(await verify()).toMatchObject({ valid: false, signedHead: { status: 'digest-invalid' } });
  });

  it('an edited stream head is caught even right after a verification was served from the cached root', async () => {
    const { dir, verify, stream } = await signedDataDir(root);
    expect(await verify()).toMatchObject({ valid: true });
    const db = new Database(join(dir, 'audit-digests.db'));
    db.prepare(
      'UPDATE stream_heads SET revision = 4 WHERE stream_name = (SELECT max(stream_name) FROM stream_heads WHERE stream_name != ?)',
    ).run(stream);
    db.close();
    expect(await verify()).toMatchObject({ valid: false, signedHead: { status: 'digest-invalid' } });
  });

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
