import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { rewriteFrom, signedDataDir } from './testing/signed-data-dir.fixture';

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
});
