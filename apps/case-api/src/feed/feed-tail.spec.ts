import { randomUUID } from 'node:crypto';
import { MemoryEventStore } from '@app/event-store';
import { FEED_LINGER_MS, readFeedPage, waitForFeedPage, type FeedReader } from './change-feed';
import { FeedTail } from './feed-tail';

const event = (type: string, data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { recordedAt: '2024-12-10T15:30:00.000Z' },
});
const officer: FeedReader = { personalData: undefined, seesNotes: true, recordReveal: null };
const intake: FeedReader = { personalData: undefined, seesNotes: false, recordReveal: null };
const revealing: FeedReader = { personalData: 'include', seesNotes: true, recordReveal: async () => undefined };

describe('FeedTail: the end of the change feed, read and redacted once for every reader', () => {
  let store: MemoryEventStore;
  let tail: FeedTail;
  let subscriptions: number;
  beforeEach(async () => {
    store = new MemoryEventStore();
    await store.appendToStream('application-old', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    subscriptions = 0;
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => (subscriptions++, subscribe(options));
    tail = new FeedTail(store);
  });
  afterEach(async () => {
    await tail.onApplicationShutdown();
    await store.close();
  });

  it('wakes a hundred waiting readers with one subscription, each with the page the store would give', async () => {
    const signal = new AbortController().signal;
    const query = { after: 1, limit: 100, waitMs: 5_000, signal };
    await tail.page(officer, 1, 100);
    const waiting = Array.from({ length: 100 }, (_, index) =>
      waitForFeedPage(store, index % 2 ? officer : intake, query, tail),
    );
    await store.appendToStream('parking-x', [event('EventParked')], { expectedRevision: 'no-stream' });
    await store.appendToStream('application-a', [event('ApplicationReceived'), event('CaseNoteAdded')], {
      expectedRevision: 'no-stream',
    });
    const pages = await Promise.all(waiting);
    expect(subscriptions).toBe(1);
    expect(pages[1]).toEqual(await readFeedPage(store, officer, 1, 100));
    expect(pages[0].events.map((item) => item.type)).toEqual(['ApplicationReceived']);
    expect(pages[1].events.map((item) => item.type)).toEqual(['ApplicationReceived', 'CaseNoteAdded']);
  });

  it('leaves to the store what it has not seen, and every reveal of personal data', async () => {
    await tail.page(officer, 1, 100);
    expect(await tail.page(officer, 0, 100)).toBeUndefined();
    expect(await tail.page(revealing, 1, 100)).toBeUndefined();
    expect(await tail.page(officer, 1, 100)).toEqual({ events: [], nextAfter: 1 });
  });

  it('gives at most `limit` items and the position to resume after', async () => {
    await tail.page(officer, 1, 100);
    await store.appendToStream(
      'application-b',
      [1, 2, 3].map(() => event('NoteAdded')),
      {
        expectedRevision: 'no-stream',
      },
    );
    await tail.next(new AbortController().signal, 1_000);
    expect(await tail.page(officer, 1, 2)).toMatchObject({ events: [{ position: 2 }, { position: 3 }], nextAfter: 3 });
    expect(await tail.page(officer, 3, 2)).toMatchObject({ events: [{ position: 4 }], nextAfter: 4 });
  });

  it('gathers what arrives within FEED_LINGER_MS of the first event into the same answer', async () => {
    await tail.page(officer, 1, 100);
    const waiting = waitForFeedPage(
      store,
      officer,
      { after: 1, limit: 100, waitMs: 5_000, signal: new AbortController().signal },
      tail,
    );
    await store.appendToStream('application-c', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await new Promise((resolve) => setTimeout(resolve, FEED_LINGER_MS / 5));
    await store.appendToStream('application-d', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    expect((await waiting).events.map((item) => item.applicationId)).toEqual(['c', 'd']);
  });
});
