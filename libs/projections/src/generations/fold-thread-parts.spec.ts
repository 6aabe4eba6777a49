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
import { streamPart } from './stream-part';
import { arrived, rowsSentTo } from './testing/fold-thread-rows.fixture';

const TABLE = `${CASE_VIEW_TABLE}_g2`;
const rowFoldModule = { module: require.resolve('../case-view/case-view.row-fold'), exportName: 'caseViewRowFold' };

/** Six cases appended one event at a time in turn: every range holds events of streams of both parts. */
async function sixCases(store: EventStore): Promise<RecordedEvent[]> {
  const streams = Array.from({ length: 6 }, (_, index) => {
    const id = `00000000-0000-4000-8000-00000000000${index}`;
    return { name: applicationStreamName(id), events: caseStream(id, index, 3) };
  });
  for (let step = 0; step < 3; step++)
    for (const { name, events } of streams)
      await store.appendToStream(name, [events[step]], { expectedRevision: 'any' });
  return store.readAll({ after: 0, limit: 100 });
}

const byId = (rows: unknown[][]) => [...rows].sort((one, other) => String(one[0]).localeCompare(String(other[0])));
const partOf = (row: unknown[]) => streamPart(applicationStreamName(String(row[0])), 2);

describe("a rebuild's fold split by stream between two threads", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fold-thread-parts-'));
  let file: string;
  let channels: MessageChannel[];
  let threads: FoldThread;
  let sent: Map<number, unknown[][]>[];
  const open = (eventsFile?: string) => {
    channels = [new MessageChannel(), new MessageChannel()];
    sent = channels.map(({ port2 }) => rowsSentTo(port2));
    threads = new FoldThread({
      ...rowFoldModule,
      file,
      table: TABLE,
      rowsPorts: channels.map(({ port1 }) => port1),
      eventsFile,
    });
  };
  beforeEach(() => {
    file = join(dir, `${Math.random()}.db`);
    const db = openReadModelDatabase(file);
    caseViewProjection.openGeneration(db, (base) => `${base}_g2`);
    db.close();
  });
  afterEach(async () => {
    await threads.close();
    for (const { port2 } of channels) port2.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a range each thread reads from the SQLite log itself', true],
    ['events handed over, split by the event loop', false],
  ])('folds in %s each stream on one thread, and both give the rows of one fold', async (_, readsLog) => {
    const store = readsLog ? new SqliteEventStore(join(dir, `${Math.random()}-events.db`)) : new MemoryEventStore();
    const events = await sixCases(store);
    open(readsLog ? (store as SqliteEventStore).filePath : undefined);
    const db = openReadModelDatabase(file);
    const onEventLoop = caseViewRowFold(db, TABLE);
    const fold = (from: number, to: number, reset: boolean) =>
      readsLog
        ? threads.foldRange(events[from - 1]?.position ?? 0, events[to - 1].position, new Set(), reset)
        : threads.fold(events.slice(from, to), reset);

    const folded = [await fold(0, 8, true), await fold(8, events.length, false)];
    const expected = [events.slice(0, 8), events.slice(8)].map((batch) => {
      for (const event of batch) onEventLoop.apply(event);
      return byId(onEventLoop.takeRows());
    });

    expect(folded.map(({ taken }) => taken)).toEqual([1, 2]);
    for (const [batch, { id }] of folded.entries()) {
      const parts = await Promise.all(sent.map((rows) => arrived(rows, id)));
      expect(parts.map((rows) => rows.map(partOf))).toEqual(parts.map((rows, part) => rows.map(() => part)));
      expect(parts.every((rows) => rows.length > 0)).toBe(true);
      expect(byId(parts.flat())).toEqual(expected[batch]);
    }
    db.close();
    await store.close();
  });

  it('reads the metadata of an event from the log when the fold reads it', async () => {
    const store = new SqliteEventStore(join(dir, `${Math.random()}-events.db`));
    const events = await sixCases(store);
    channels = [new MessageChannel()];
    sent = [rowsSentTo(channels[0].port2)];
    threads = new FoldThread({
      module: require.resolve('../testing/metadata-row-fold'),
      exportName: 'metadataRowFold',
      file,
      table: TABLE,
      rowsPorts: [channels[0].port1],
      eventsFile: store.filePath,
    });

    const { id } = await threads.foldRange(events[2].position, events[6].position, new Set(), true);

    expect(await arrived(sent[0], id)).toEqual(
      events.slice(3, 7).map(({ position, metadata }) => [position, JSON.stringify(metadata)]),
    );
    expect(events[3].metadata).toMatchObject({ hash: expect.any(String) });
    await store.close();
  });

  it('names the event one thread cannot fold, skips the batches after it, and folds again on both once reset', async () => {
    const events = await sixCases(new MemoryEventStore());
    open();
    const broken = { ...events[3], revision: 0, streamName: applicationStreamName('broken'), data: {} };
    const brokenPart = streamPart(broken.streamName, 2);
    const other = events.find((event) => streamPart(event.streamName, 2) !== brokenPart);

    const failing = threads.fold([events[0], events[1], broken], true);
    const skipped = threads.fold([events[2]], false);
    await expect(failing).rejects.toThrow(FoldThreadError);
    await expect(failing).rejects.toMatchObject({ position: broken.position });
    await expect(skipped).rejects.toThrow('a batch before this one failed to fold');
    const again = await threads.fold(events.slice(0, 6), true);

    expect(other).toBeDefined();
    expect(again.taken).toBe(1);
    const parts = await Promise.all(sent.map((rows) => arrived(rows, again.id)));
    expect(byId(parts.flat()).map(([id]) => id)).toEqual(
      events
        .slice(0, 6)
        .map(({ streamName }) => streamName.slice('application-'.length))
        .sort(),
    );
    expect([...sent[brokenPart].keys()]).toEqual([again.id]);
  });
});
