import { MemoryEventStore } from '@app/event-store';
import { FEED_LINGER_MS, readFeedPage, waitForFeedPage, type FeedReader } from './change-feed';
import { FeedTail } from './feed-tail';
import { OFFICER, feedEvent, feedPoll, pageOf, sleep } from './testing/feed-tail.fixture';

const event = feedEvent;
const officer = OFFICER;
const intake: FeedReader = { personalData: undefined, seesNotes: false, recordReveal: null };
const revealing: FeedReader = { personalData: 'include', seesNotes: true, recordReveal: async () => undefined };
const poll = (after: number, limit = 100, waitMs = 5_000) => feedPoll(after, limit, waitMs);

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
    const query = poll(1);
    await tail.answer(officer, poll(1, 100, 0));
    const waiting = Array.from({ length: 100 }, (_, index) =>
      waitForFeedPage(store, index % 2 ? officer : intake, query, tail),
    );
    await store.appendToStream('parking-x', [event('EventParked')], { expectedRevision: 'no-stream' });
    await store.appendToStream('application-a', [event('ApplicationReceived'), event('CaseNoteAdded')], {
      expectedRevision: 'no-stream',
    });
    const pages = (await Promise.all(waiting)).map(pageOf);
    expect(subscriptions).toBe(1);
    expect(pages[1]).toEqual(await readFeedPage(store, officer, 1, 100));
    expect(pages[0].events.map((item) => item.type)).toEqual(['ApplicationReceived']);
    expect(pages[1].events.map((item) => item.type)).toEqual(['ApplicationReceived', 'CaseNoteAdded']);
  });

  it('serialises each page once: every poll at the same cursor gets the same bytes, JSON.stringify of the page', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const waiting = Array.from({ length: 10 }, (_, index) => tail.answer(index % 2 ? officer : intake, poll(1)));
    await store.appendToStream(
      'application-a',
      [event('ApplicationReceived', { note: 'é ✓' }), event('CaseNoteAdded')],
      {
        expectedRevision: 'no-stream',
      },
    );
    const answers = await Promise.all(waiting);
    const [forIntake, forOfficer] = [answers[0]!, answers[1]!];
    for (const [index, answer] of answers.entries())
      expect(answer!.body).toBe(index % 2 ? forOfficer.body : forIntake.body);
    expect(forOfficer.body.toString('utf8')).toBe(JSON.stringify(await readFeedPage(store, officer, 1, 100)));
    expect(forIntake.body.toString('utf8')).toBe(JSON.stringify(await readFeedPage(store, intake, 1, 100)));
  });

  it('leaves to the store what it has not seen, and every reveal of personal data', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    expect(await tail.answer(officer, poll(0, 100, 0))).toBeUndefined();
    expect(await tail.answer(revealing, poll(1, 100, 0))).toBeUndefined();
    expect(pageOf(await tail.answer(officer, poll(1, 100, 0)))).toEqual({ events: [], nextAfter: 1 });
  });

  it('gives at most `limit` items and the position to resume after', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const full = tail.answer(officer, poll(1, 2));
    const started = performance.now();
    await store.appendToStream(
      'application-b',
      [1, 2, 3].map(() => event('NoteAdded')),
      {
        expectedRevision: 'no-stream',
      },
    );
    // A full page does not wait for the tick.
    expect(pageOf(await full)).toMatchObject({ events: [{ position: 2 }, { position: 3 }], nextAfter: 3 });
    expect(performance.now() - started).toBeLessThan(FEED_LINGER_MS);
    expect(pageOf(await tail.answer(officer, poll(3, 2, 0)))).toMatchObject({
      events: [{ position: 4 }],
      nextAfter: 4,
    });
  });

  it('keeps the bytes of a full page while the tail moves on, for followers who come back one by one', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const first = tail.answer(officer, poll(1, 2));
    await store.appendToStream('application-b', [event('ApplicationReceived'), event('CaseNoteAdded')], {
      expectedRevision: 'no-stream',
    });
    const full = (await first)!;
    const later = tail.answer(officer, poll(3));
    await store.appendToStream('application-c', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await later;
    expect((await tail.answer(officer, poll(1, 2, 0)))!.body).toBe(full.body);
  });

  it('gathers what arrives within FEED_LINGER_MS of the first event into the same answer', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const waiting = waitForFeedPage(store, officer, poll(1), tail);
    await store.appendToStream('application-c', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await sleep(FEED_LINGER_MS / 5);
    await store.appendToStream('application-d', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    expect(pageOf(await waiting).events.map((item) => item.applicationId)).toEqual(['c', 'd']);
  });

  it('holds a poll that finds a page that is not full until the tick, so that followers at one cursor stay together', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const early = tail.answer(officer, poll(1));
    await store.appendToStream('application-e', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await sleep(FEED_LINGER_MS / 3);
    // This poll finds an event already there; it is answered with the early one, not at once.
    const late = tail.answer(officer, poll(1));
    await sleep(FEED_LINGER_MS / 3);
    await store.appendToStream('application-f', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    const [first, second] = await Promise.all([early, late]);
    expect(pageOf(second).events.map((item) => item.applicationId)).toEqual(['e', 'f']);
    expect(second!.body).toBe(first!.body);
  });

  it('answers a waiting poll with the page as it is when the server shuts down, and an empty page when its wait runs out', async () => {
    await tail.answer(officer, poll(1, 100, 0));
    const shutdown = new AbortController();
    const waiting = tail.answer(officer, { ...poll(1), signal: shutdown.signal });
    const short = tail.answer(intake, poll(1, 100, FEED_LINGER_MS / 5));
    await store.appendToStream('application-g', [event('CaseNoteAdded')], { expectedRevision: 'no-stream' });
    expect(pageOf(await short)).toEqual({ events: [], nextAfter: 2 });
    shutdown.abort();
    expect(pageOf(await waiting).events.map((item) => item.type)).toEqual(['CaseNoteAdded']);
  });
});
