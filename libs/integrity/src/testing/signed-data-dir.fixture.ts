import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@app/event-store';
import { AuditKeyring } from '../audit-keys';
import { DigestSigner } from '../digest-signer';
import { DigestStore } from '../digest-store';
import { eventHash } from '../hash-chain';
import { verifyStream } from '../stream-verification';
import { appendChainedStreams } from './chained-streams.fixture';

/** Two audit keys (k2 for rotation), the keyring the data directory is signed with, and the signing time. */
export const K1 = { id: 'k1', secret: randomBytes(32) };
export const K2 = { id: 'k2', secret: randomBytes(32) };
export const KEYS = new AuditKeyring([K1]);
export const now = () => '2024-07-01T00:00:00.000Z';

export type Row = { position: number; revision: number; type: string; data: string; metadata: string };

/** A data directory with three chained streams (six events each) and a digest signed over them. */
export async function signedDataDir(root: string) {
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
export function rewriteFrom(
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
