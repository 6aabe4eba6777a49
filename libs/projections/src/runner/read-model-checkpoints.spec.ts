import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKSTOP_CHECKPOINT_PAGES } from '@app/event-store';
import { readModelCheckpoints } from './read-model-checkpoints';
import { READ_MODEL_CHECKPOINT_PAGES, openReadModelDatabase } from './read-model-database';

describe('readModelCheckpoints: the read models WAL checkpointed off the event loop once it grows', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-model-checkpoints-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands the checkpoints to a thread once the WAL passes 16 MB, and leaves an in-memory database alone', async () => {
    expect(readModelCheckpoints(openReadModelDatabase(':memory:'))).toBeNull();
    const db = openReadModelDatabase(join(dir, 'read-models.db'));
    const checkpoints = readModelCheckpoints(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(READ_MODEL_CHECKPOINT_PAGES);
    db.exec('CREATE TABLE filler (text TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    const page = 'x'.repeat(8000);
    db.transaction(() => {
      for (let index = 0; index < 2400; index++) insert.run(page);
    })();
    const deadline = Date.now() + 10_000;
    while (db.pragma('wal_autocheckpoint', { simple: true }) !== BACKSTOP_CHECKPOINT_PAGES && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ thread: checkpoints?.running, autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) }).toEqual(
      {
        thread: true,
        autocheckpoint: BACKSTOP_CHECKPOINT_PAGES,
      },
    );
    await checkpoints?.close();
    db.close();
  });
});
