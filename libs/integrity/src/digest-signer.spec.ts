import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { AuditKeyring } from './audit-keys';
import { DigestSigner } from './digest-signer';
import { DigestStore } from './digest-store';
import { appendChainedStreams } from './testing/chained-streams.fixture';

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
