import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  DIGEST_STORE_CACHE_MB,
  DigestStore,
  StreamAlreadySignedError,
  type DigestRecord,
  type SignedEvent,
} from './digest-store';
import { createLegacyDigestsFile } from './testing/legacy-digests.fixture';

type Unsigned = Omit<SignedEvent, 'digestId'>;
const signed = (streamName: string, revision: number): Unsigned => ({
  streamName,
  revision,
  hash: `hash-${streamName}-${revision}`,
  keyId: 'k1',
  mac: `mac-${streamName}-${revision}`,
});
const seal = (id: number, heads: Readonly<{ root: string; count: number }>): Omit<DigestRecord, 'id'> => ({
  signedAt: '2024-07-01T00:00:00.000Z',
  keyId: 'k1',
  position: id,
  streamCount: heads.count,
  headsRoot: heads.root,
  previousSignature: null,
  signature: `signature-${id}`,
});
const rows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      signed: db.prepare('SELECT * FROM signed_events ORDER BY stream_name, revision').all(),
      heads: db.prepare('SELECT * FROM stream_heads ORDER BY stream_name').all(),
    };
  } finally {
    db.close();
  }
};

describe('DigestStore.commit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const round = [signed('application-b', 0), signed('application-a', 0), signed('application-b', 1)];
  round.push(signed('application-a', 1), signed('application-c', 0), signed('application-b', 2));

  it('stores the same rows and heads whatever the order of the round (it writes them in key order)', () => {
    const inLogOrder = new DigestStore(join(dir, 'log-order.db'));
    const reversed = new DigestStore(join(dir, 'reversed.db'));
    const first = inLogOrder.commit(null, round, seal);
    const second = reversed.commit(null, [...round].reverse(), seal);
    inLogOrder.close();
    reversed.close();
    expect(second).toEqual(first);
    expect(rows(join(dir, 'reversed.db'))).toEqual(rows(join(dir, 'log-order.db')));
    expect(rows(join(dir, 'log-order.db')).heads).toEqual([
      { stream_name: 'application-a', revision: 1, hash: 'hash-application-a-1' },
      { stream_name: 'application-b', revision: 2, hash: 'hash-application-b-2' },
      { stream_name: 'application-c', revision: 0, hash: 'hash-application-c-0' },
    ]);
  });

  it("leaves each stream's head at its highest revision, over the head an earlier round left", () => {
    const file = join(dir, 'moved-heads.db');
    const store = new DigestStore(file);
    const first = store.commit(null, round, seal);
    store.commit(first!.id, [signed('application-c', 1), signed('application-a', 2), signed('application-c', 2)], seal);
    store.close();
    expect(rows(file).heads).toEqual([
      { stream_name: 'application-a', revision: 2, hash: 'hash-application-a-2' },
      { stream_name: 'application-b', revision: 2, hash: 'hash-application-b-2' },
      { stream_name: 'application-c', revision: 2, hash: 'hash-application-c-2' },
    ]);
    expect(rows(file).signed).toHaveLength(round.length + 3);
  });

  it('inserts the head of a stream given as new, so that one with a head already fails the commit and writes nothing', () => {
    const file = join(dir, 'new-streams.db');
    const store = new DigestStore(file);
    const first = store.commit(null, round, seal);
    const before = rows(file);
    // application-c has a head, though no row of revision 1 yet: only the head's key refuses it.
    const commit = () =>
      store.commit(
        first!.id,
        [signed('application-d', 0), signed('application-c', 1)],
        seal,
        new Set(['application-c', 'application-d']),
      );
    expect(commit).toThrow(StreamAlreadySignedError);
    expect(rows(file)).toEqual(before);
    expect(store.latest()?.id).toBe(first!.id);
    const second = store.commit(
      first!.id,
      [signed('application-d', 0), signed('application-d', 1)],
      seal,
      new Set(['application-d']),
    );
    expect(second?.streamCount).toBe(4);
    expect(rows(file).heads).toContainEqual({
      stream_name: 'application-d',
      revision: 1,
      hash: 'hash-application-d-1',
    });
    store.close();
  });

  it('answers the next integrity check with the root it committed, and rescans once another connection edits a head', () => {
    const file = join(dir, 'cached-root.db');
    const store = new DigestStore(file);
    const digest = store.commit(null, round, seal);
    const scans = jest.spyOn(store as unknown as { computeHeadsRoot: () => unknown }, 'computeHeadsRoot');
    expect(store.headsRoot().root).toBe(digest?.headsRoot);
    expect(scans).not.toHaveBeenCalled();

    const editor = new Database(file);
    editor.prepare("UPDATE stream_heads SET revision = 7 WHERE stream_name = 'application-c'").run();
    editor.close();
    expect(store.headsRoot().root).not.toBe(digest?.headsRoot);
    expect(scans).toHaveBeenCalledTimes(1);
    store.close();
  });

  it('keeps a page cache of DIGEST_STORE_CACHE_MB, not the 16 MB better-sqlite3 gives a connection', () => {
    const store = new DigestStore(join(dir, 'cache.db'));
    expect(store.cacheKib()).toBe(DIGEST_STORE_CACHE_MB * 1024);
    expect(DIGEST_STORE_CACHE_MB).toBeLessThan(16);
    store.close();
  });
});

describe('DigestStore layout of the countersigned events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-layout-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const streams = ['application-b', 'application-a', 'application-c'];
  const inSigningOrder = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT stream_name, revision FROM signed_events ORDER BY rowid').raw().all();
    } finally {
      db.close();
    }
  };
  const legacyFile = (name: string) => createLegacyDigestsFile(join(dir, name));
  const indexes = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'signed_events'")
        .pluck()
        .all();
    } finally {
      db.close();
    }
  };
  const twoRounds = (store: DigestStore) => {
    const first = store.commit(null, [signed('application-b', 0), signed('application-a', 0)], seal);
    return store.commit(first!.id, [signed('application-c', 0), signed('application-a', 1)], seal);
  };

  it('appends each round after the rows of the rounds before, in key order within the round, and finds a stream by its index', () => {
    const file = join(dir, 'new.db');
    const store = new DigestStore(file);
    twoRounds(store);
    expect(store.keepsLegacyLayout()).toBe(false);
    expect(store.signedEvents('application-a').map((row) => [row.revision, row.digestId])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    store.close();
    expect(inSigningOrder(file)).toEqual([
      ['application-a', 0],
      ['application-b', 0],
      ['application-a', 1],
      ['application-c', 0],
    ]);
    expect(indexes(file)).toContain('signed_events_by_stream');
  });

  it('moves a legacy file to the appended layout with the same rows, heads and root, once; rounds go on and a row signed twice is still refused', () => {
    const file = legacyFile('legacy.db');
    const store = new DigestStore(file);
    expect(store.keepsLegacyLayout()).toBe(true);
    const last = twoRounds(store);
    expect(indexes(file)).toEqual([]); // keyed by stream already: no index added
    const before = { rows: rows(file), root: store.headsRoot(), signed: streams.map((s) => store.signedEvents(s)) };

    expect(store.appendSignedEvents()).toBe(4);
    expect(store.keepsLegacyLayout()).toBe(false);
    expect(rows(file)).toEqual(before.rows);
    expect(store.headsRoot()).toEqual(before.root);
    expect(streams.map((s) => store.signedEvents(s))).toEqual(before.signed);
    expect(inSigningOrder(file)).toEqual([
      ['application-a', 0],
      ['application-b', 0],
      ['application-a', 1],
      ['application-c', 0],
    ]);
    expect(store.latest()).toEqual(last);
    expect(store.appendSignedEvents()).toBeNull();

    const next = store.commit(last!.id, [signed('application-b', 1)], seal);
    expect(next?.id).toBe(last!.id + 1);
    expect(() => store.commit(next!.id, [signed('application-b', 1)], seal)).toThrow(/UNIQUE/);
    store.close();
    expect(indexes(file)).toEqual(['signed_events_by_stream']);
  });

  it('leaves a legacy file as it was when the move fails part way', () => {
    const file = legacyFile('failed-move.db');
    const store = new DigestStore(file);
    twoRounds(store);
    const before = rows(file);
    const db = (store as unknown as { db: Database.Database }).db;
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql.startsWith('ALTER TABLE')) throw new Error('disk I/O error');
      return exec(sql);
    });
    expect(() => store.appendSignedEvents()).toThrow('disk I/O error');
    jest.restoreAllMocks();
    expect(store.keepsLegacyLayout()).toBe(true);
    expect(rows(file)).toEqual(before);
    store.close();
    const tables = new Database(file, { readonly: true });
    expect(tables.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual([
      'digests',
      'signed_events',
      'stream_heads',
    ]);
    tables.close();
  });
});
