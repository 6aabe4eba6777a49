import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { readFeedPage, type FeedReader } from '../change-feed';
import type { SerialisedItem } from '../feed-page';
import { sseFrame, sseFrameOf } from '../feed-stream';
import { FeedTail } from '../feed-tail';
import { InProcessTailItems } from '../tail-items';
import { OFFICER, feedEvent, feedPoll } from '../testing/feed-tail.fixture';
import {
  TAIL_THREAD_YOUNG_GENERATION_MB,
  TailThreadItems,
  tailItemsFor,
  type StartTailThread,
} from './tail-thread-items';
import { startModuleWorker } from '../../infrastructure/module-worker';

const received = (familyName: string, passport: string) =>
  feedEvent('ApplicationReceived', {
    submission: { applicant: { familyName, passport: { number: passport, country: 'FRA' } }, note: 'é – ✓' },
    screening: [{ rule: 'C6', detail: `no other case of ${familyName} with passport:${passport}` }],
  });
const quoting = (type: string, familyName: string) => feedEvent(type, { text: `called ${familyName} back` });

/** A log of three cases quoting their personal values, notes, and events of other streams between them. */
async function fillLog(store: SqliteEventStore, cases = ['a', 'b', 'c']): Promise<void> {
  const [a, b, c] = cases.map((name) => `application-${name}`);
  await store.appendToStream(a, [received('Dupont', 'X123')], { expectedRevision: 'no-stream' });
  await store.appendToStream(`parking-${cases[0]}`, [feedEvent('EventParked')], { expectedRevision: 'no-stream' });
  await store.appendToStream(b, [received('Tremblay', 'Y456'), quoting('CaseNoteAdded', 'Tremblay')], {
    expectedRevision: 'no-stream',
  });
  await store.appendToStream(a, [quoting('CaseNoteAdded', 'Dupont'), quoting('BilIssued', 'X123')], {
    expectedRevision: 0,
  });
  await store.appendToStream(c, [received('Nguyễn', 'Z789')], { expectedRevision: 'no-stream' });
  await store.appendToStream(b, [quoting('BiometricsRecorded', 'Y456')], { expectedRevision: 1 });
}

/** The log in pages of `size` events, as the tail's subscription gives them. */
async function pagesOf(store: SqliteEventStore, size: number): Promise<RecordedEvent[][]> {
  const pages: RecordedEvent[][] = [];
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: size });
    if (page.length === 0) return pages;
    pages.push(page);
    after = page.at(-1)!.position;
  }
}

const bytesOf = (items: readonly SerialisedItem[]) =>
  items.map(({ position, type, json }) => ({ position, type, json: json.toString('utf8') }));

describe('TailThreadItems: the feed tail redacts and serialises on a thread that reads the SQLite log itself', () => {
  const root = mkdtempSync(join(tmpdir(), 'feed-tail-thread-'));
  let store: SqliteEventStore;
  let pages: RecordedEvent[][];
  let expected: SerialisedItem[][];
  let threads: Worker[];
  const start: StartTailThread = (data) => {
    const thread = startModuleWorker(require.resolve('./tail-thread-items'), 'tail-thread.worker', data);
    threads.push(thread);
    return thread;
  };
  const onThread = async () => {
    const items = new TailThreadItems({ eventsFile: store.filePath, busyTimeoutMs: 5_000 }, inProcess, start);
    expect(await items.ready).toBe(true);
    return items;
  };
  const inProcess = () => new InProcessTailItems(store);

  beforeEach(async () => {
    threads = [];
    store = new SqliteEventStore(join(mkdtempSync(join(root, 'log-')), 'events.db'));
    await fillLog(store);
    pages = await pagesOf(store, 2);
    const reference = inProcess();
    expected = [];
    for (const page of pages) expected.push(await reference.itemsOf(page));
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives every page the same items, byte for byte, as the tail on the event loop, each with its Server-Sent Event', async () => {
    const items = await onThread();
    const threaded: SerialisedItem[][] = [];
    for (const page of pages) threaded.push(await items.itemsOf(page));
    await items.close();

    expect(threaded.map(bytesOf)).toEqual(expected.map(bytesOf));
    expect(threaded.flat().map((item) => item.type)).toEqual([
      'ApplicationReceived',
      'ApplicationReceived',
      'CaseNoteAdded',
      'CaseNoteAdded',
      'BilIssued',
      'ApplicationReceived',
      'BiometricsRecorded',
    ]);
    expect(
      threaded
        .flat()
        .map((item) => item.json.toString('utf8'))
        .join(''),
    ).not.toMatch(/Dupont|X123|Tremblay|Y456/);
    for (const item of threaded.flat())
      expect(item.frame?.toString('utf8')).toBe(sseFrame(JSON.parse(item.json.toString('utf8'))));
  });

  it('does a page on the event loop when the thread cannot read it as given, and every page after it, none lost or twice', async () => {
    const items = await onThread();
    const exited = new Promise((resolve) => threads[0].once('exit', resolve));
    const first = await items.itemsOf(pages[0]);
    const notInTheLog = pages[1].map((event) => ({ ...event, position: event.position + 1000 }));
    const unreadable = await items.itemsOf(notInTheLog);
    const rest: SerialisedItem[][] = [];
    for (const page of pages.slice(1)) rest.push(await items.itemsOf(page));

    expect(first[0].frame).toBeDefined();
    expect(bytesOf(unreadable)).toEqual(bytesOf(await inProcess().itemsOf(notInTheLog)));
    expect(unreadable.every((item) => item.frame === undefined)).toBe(true);
    expect([first, ...rest].map(bytesOf)).toEqual(expected.map(bytesOf));
    await exited;
    await items.close();
  });

  it('answers each page once when the thread stops while pages are under way: the thread or the event loop, in order', async () => {
    const items = await onThread();
    const answers = pages.map((page) => items.itemsOf(page));
    await threads[0].terminate();
    expect((await Promise.all(answers)).map(bytesOf)).toEqual(expected.map(bytesOf));
    expect((await items.itemsOf(pages[0])).map((item) => item.frame)).toEqual(expected[0].map(() => undefined));
    await items.close();
  });

  it('sends the thread a page at most every 25 ms: the events stored meanwhile join the next page', async () => {
    const items = await onThread();
    const sent: number[] = [];
    const postMessage = threads[0].postMessage.bind(threads[0]);
    threads[0].postMessage = (message: { kind: string }) => (sent.push(performance.now()), postMessage(message));
    for (const page of pages) await items.itemsOf(page);
    await items.close();

    expect(sent).toHaveLength(pages.length + 1); // the pages, then the stop
    for (let index = 1; index < pages.length; index++) expect(sent[index] - sent[index - 1]).toBeGreaterThanOrEqual(24);
  });

  it('ends its thread on close; a page asked for after it is done on the event loop', async () => {
    const items = await onThread();
    const exited = new Promise<number>((resolve) => threads[0].once('exit', resolve));
    await items.close();
    expect(await exited).toBe(0);
    expect(bytesOf(await items.itemsOf(pages[1]))).toEqual(bytesOf(expected[1]));
  });

  it('serves every reader through the thread the bytes the store gives: pages and Server-Sent Events', async () => {
    let threaded: TailThreadItems | undefined;
    const tail = new FeedTail(store, undefined, (log) => (threaded = tailItemsFor(log) as TailThreadItems));
    const intake: FeedReader = { ...OFFICER, seesNotes: false };
    const head = await store.headPosition();
    await tail.answer(OFFICER, feedPoll(head, 100, 0));
    expect(await threaded!.ready).toBe(true);
    const readers = [OFFICER, intake];
    const stopped = new AbortController();
    const streamed = readers.map(async (reader, index) => {
      const items: SerialisedItem[] = [];
      for await (const batch of tail.itemsAfter(reader, head, stopped.signal))
        if (items.push(...batch) === [7, 5][index]) return items;
      return items;
    });
    // Full pages (7 events for an officer, 5 without the notes for intake) are answered at once.
    const polled = readers.map((reader, index) => tail.answer(reader, feedPoll(head, [7, 5][index], 10_000)));
    await fillLog(store, ['d', 'e', 'f']);

    for (const [index, reader] of readers.entries()) {
      const expected = await readFeedPage(store, reader, head, [7, 5][index]);
      expect((await polled[index])!.body.toString('utf8')).toBe(JSON.stringify(expected));
      const items = await streamed[index];
      expect(items.every((item) => item.frame !== undefined)).toBe(true);
      expect(Buffer.concat(items.map(sseFrameOf)).toString('utf8')).toBe(expected.events.map(sseFrame).join(''));
    }
    stopped.abort();
    await tail.onApplicationShutdown();
  });

  it('is used for the SQLite store on a file, its thread with a small young generation; not for a store only in memory', async () => {
    const onFile = tailItemsFor(store);
    const inMemory = new SqliteEventStore(':memory:');
    expect(onFile).toBeInstanceOf(TailThreadItems);
    const { thread } = onFile as unknown as { thread: Worker };
    expect(thread.resourceLimits?.maxYoungGenerationSizeMb).toBe(TAIL_THREAD_YOUNG_GENERATION_MB);
    expect(tailItemsFor(inMemory)).toBeInstanceOf(InProcessTailItems);
    await onFile.close();
    await inMemory.close();
  });
});
