import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '@app/application';
import { AUDIT_KEYS_FILE, eventHash } from '@app/integrity';
import { exampleSubmission, startTestApp } from './support/test-app';

type Row = { position: number; revision: number; type: string; data: string; metadata: string };

/** Rewrites every event of a stream with a changed receipt instant and recomputes the whole hash chain. */
function rewriteWithRecomputedHashes(file: string, stream: string): void {
  const db = new Database(file);
  const rows = db
    .prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream_name = ? ORDER BY revision')
    .all(stream) as Row[];
  let previousHash: string | null = null;
  for (const row of rows) {
    const data = JSON.parse(row.data);
    if (row.revision === 0) data.receivedAt = '2024-12-01T09:00:00.000Z';
    const metadata: Record<string, unknown> = { ...JSON.parse(row.metadata), previousHash };
    metadata.hash = eventHash({ streamName: stream, revision: row.revision, type: row.type, data, metadata });
    previousHash = metadata.hash as string;
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify(metadata),
      row.position,
    );
  }
  db.close();
}

describe('GET /v1/applications/{id}/verification with signed digests', () => {
  it('verifies a signed stream, then catches a rewrite with recomputed hashes after a restart', async () => {
    const clock = new ManualClock('2024-12-10T15:30:00Z');
    const api = await startTestApp({ clock });
    const { id } = (await api.post('/v1/applications', exampleSubmission())).body;
    expect(existsSync(join(api.dataDir, AUDIT_KEYS_FILE))).toBe(true);

    expect((await api.post('/v1/admin/audit/digests', undefined, { as: 'auditor' })).status).toBe(403);
    const signed = await api.post('/v1/admin/audit/digests', undefined, { as: 'admin' });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      id: 1,
      streamCount: 1,
      signedEvents: 2,
      refused: [],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const intact = await api.get(`/v1/applications/${id}/verification`, { as: 'auditor' });
    expect(intact.body).toEqual({
      valid: true,
      checkedEvents: 2,
      chain: { valid: true, checkedEvents: 2 },
      signedHead: expect.objectContaining({ status: 'verified', digestId: 1, signedRevision: 1 }),
    });
    await api.close({ keepData: true });

    rewriteWithRecomputedHashes(join(api.dataDir, 'events.db'), `application-${id}`);
    const restarted = await startTestApp({ dataDir: api.dataDir, clock });
    const tampered = await restarted.get(`/v1/applications/${id}/verification`, { as: 'auditor' });
    expect(tampered.body).toMatchObject({
      valid: false,
      checkedEvents: 2,
      firstBrokenRevision: 0,
      chain: { valid: true },
      signedHead: { status: 'broken', firstBrokenRevision: 0, signedRevision: 1 },
    });
    await restarted.close();
  });
});
