import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { applicationStreamName } from '@app/domain';
import { MemoryEventStore, SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import { caseStream } from '../../../application/src/testing/case-streams.fixture';
import { CASE_VIEW_TABLE, caseViewProjection } from '../case-view/case-view.projection';
import { caseViewRowFold } from '../case-view/case-view.row-fold';
import { openReadModelDatabase } from '../runner/read-model-database';
import { FoldThread, FoldThreadError } from './fold-thread';
import { arrived, rowsSentTo } from './testing/fold-thread-rows.fixture';

const TABLE = `${CASE_VIEW_TABLE}_g2`;
const rowFoldModule = { module: require.resolve('../case-view/case-view.row-fold'), exportName: 'caseViewRowFold' };

async function fourCases(store: EventStore): Promise<RecordedEvent[]> {
  for (let index = 0; index < 4; index++) {
    const id = `00000000-0000-4000-8000-00000000000${index}`;
    await store.appendToStream(applicationStreamName(id), caseStream(id, index, 2 + index), {
      expectedRevision: 'no-stream',
    });
  }
  return store.readAll({ after: 0, limit: 100 });
}

describe("a rebuild's fold on a thread of its own", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fold-thread-'));
  let channel: MessageChannel;
  let thread: FoldThread;
  let file: string;
  beforeEach(() => {
    file = join(dir, `${Math.random()}.db`);
    const db = openReadModelDatabase(file);
    caseViewProjection.openGeneration(db, (base) => `${base}_g2`);
    db.close();
    channel = new MessageChannel();
    thread = new FoldThread({ ...rowFoldModule, file, table: TABLE, rowsPorts: [channel.port1] });
  });
  afterEach(async () => {
    await thread.close();
    channel.port2.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'with their JSON as the SQLite store read it',
      () => new SqliteEventStore(join(dir, `${Math.random()}-events.db`)),
    ],
    ['parsed, from any other store', () => new MemoryEventStore()],
  ])('folds events handed over %s into the rows of the fold on the event loop', async (_, openStore) => {
    const store = openStore();
    const events = await fourCases(store);
    const sent = rowsSentTo(channel.port2);
    const db = openReadModelDatabase(file);
    const onEventLoop = caseViewRowFold(db, TABLE);

    const folded = [await thread.fold(events.slice(0, 5), true), await thread.fold(events.slice(5), false)];
    for (const event of events.slice(0, 5)) onEventLoop.apply(event);
    const first = onEventLoop.takeRows();
    for (const event of events.slice(5)) onEventLoop.apply(event);

    expect(folded.map(({ taken }) => taken)).toEqual([1, 2]);
    expect(await arrived(sent, folded[0].id)).toEqual(first);
    expect(await arrived(sent, folded[1].id)).toEqual(onEventLoop.takeRows());
    db.close();
    await store.close();
  });

  it("reads a range of the SQLite event log's file itself, in position order, passing over the events it is told to", async () => {
    const store = new SqliteEventStore(join(dir, `${Math.random()}-events.db`));
    const events = await fourCases(store);
    const own = new MessageChannel();
    const reading = new FoldThread({
      ...rowFoldModule,
      file,
      table: TABLE,
      rowsPorts: [own.port1],
      eventsFile: store.filePath,
    });
    const sent = rowsSentTo(own.port2);
    const db = openReadModelDatabase(file);
    const onEventLoop = caseViewRowFold(db, TABLE);
    const passedOver = events[8];
    try {
      const folded = await reading.foldRange(
        events[1].position,
        events[9].position,
        new Set([passedOver.eventId]),
        true,
      );
      for (const event of events.slice(2, 10)) if (event !== passedOver) onEventLoop.apply(event);

      expect(folded.taken).toBe(1);
      expect(await arrived(sent, folded.id)).toEqual(onEventLoop.takeRows());
    } finally {
      await reading.close();
      own.port2.close();
      db.close();
      await store.close();
    }
  });

  it('names the event it cannot fold, skips the batches after it, and folds again once reset', async () => {
    const events = await fourCases(new MemoryEventStore());
    const broken = { ...events[3], revision: 0, streamName: applicationStreamName('broken'), data: {} };
    const sent = rowsSentTo(channel.port2);

    const failing = thread.fold([events[0], broken], true);
    const skipped = thread.fold([events[4]], false);
    await expect(failing).rejects.toThrow(FoldThreadError);
    await expect(failing).rejects.toMatchObject({ position: broken.position });
    await expect(skipped).rejects.toThrow('a batch before this one failed to fold');
    const again = await thread.fold(events.slice(0, 2), true);

    expect((await arrived(sent, again.id)).length).toBeGreaterThan(0);
    expect([...sent.keys()]).toEqual([again.id]);
  });
});
