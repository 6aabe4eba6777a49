import { MemoryEventStore } from '@app/event-store';
import { readFeedPage, waitForFeedPage } from './change-feed';
import { FeedTail } from './feed-tail';
import { OFFICER, feedEvent, feedPoll, pageOf, sleep } from './testing/feed-tail.fixture';

const IDLE_MS = 200;
const event = (type: string) => feedEvent(type, { note: type });
const officer = OFFICER;
const poll = (after: number, waitMs = 0, limit = 100) => feedPoll(after, limit, waitMs);

describe('FeedTail once no reader uses it: it stops following the log and starts again from the head', () => {
  let store: MemoryEventStore;
  let tail: FeedTail;
  let opened: number;
  let closed: number;
  const append = (stream: string, ...types: string[]) =>
    store.appendToStream(stream, types.map(event), { expectedRevision: 'any' });
  beforeEach(async () => {
    store = new MemoryEventStore();
    await append('application-old', 'ApplicationReceived');
    opened = closed = 0;
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options) => {
      opened++;
      const subscription = subscribe(options);
      const close = subscription.close.bind(subscription);
      subscription.close = () => (closed++, close());
      return subscription;
    };
    tail = new FeedTail(store, IDLE_MS);
  });
  afterEach(async () => {
    await tail.onApplicationShutdown();
    await store.close();
  });

  it('closes its subscription once no reader used it for FEED_TAIL_IDLE_MS, and the next request starts it at the head', async () => {
    expect(await tail.covers(officer, 1)).toBe(true);
    await append('application-a', 'ApplicationReceived');
    await sleep(IDLE_MS / 2);
    expect(await tail.covers(officer, 2)).toBe(true);
    await sleep(IDLE_MS / 2);
    expect({ opened, closed }).toEqual({ opened: 1, closed: 0 });
    await sleep(IDLE_MS * 2);
    expect({ opened, closed }).toEqual({ opened: 1, closed: 1 });
    await append('application-b', 'ApplicationReceived');
    // Started again at the head (3): what came before it is read from the store, as at the first start.
    expect(await tail.answer(officer, poll(1))).toBeUndefined();
    expect(opened).toBe(2);
    expect(pageOf(await waitForFeedPage(store, officer, poll(1), tail))).toEqual(
      await readFeedPage(store, officer, 1, 100),
    );
    const waiting = tail.answer(officer, poll(3, 5_000));
    await append('application-c', 'CaseNoteAdded');
    expect(pageOf(await waiting)).toMatchObject({ events: [{ position: 4, applicationId: 'c' }], nextAfter: 4 });
  });

  it('keeps following while a poll waits or a stream follows, however long', async () => {
    await tail.covers(officer, 1);
    const waiting = tail.answer(officer, poll(1, 5_000));
    const stop = new AbortController();
    const stream = tail.itemsAfter(officer, 1, stop.signal)[Symbol.asyncIterator]();
    const first = stream.next();
    await sleep(IDLE_MS * 3);
    await append('application-a', 'ApplicationReceived');
    expect(pageOf(await waiting).events.map((item) => item.applicationId)).toEqual(['a']);
    expect((await first).value).toHaveLength(1);
    await sleep(IDLE_MS * 3);
    await append('application-b', 'ApplicationReceived');
    expect((await stream.next()).value).toMatchObject([{ position: 3 }]);
    expect({ opened, closed }).toEqual({ opened: 1, closed: 0 });
    stop.abort();
    await stream.return(undefined);
  });

  it('a follower polling across the idle stop and the restart gets every event once, in log order', async () => {
    const seen: number[] = [];
    let after = 1;
    const follow = async () => {
      const page = pageOf(await waitForFeedPage(store, officer, poll(after, 0, 2), tail));
      seen.push(...page.events.map((item) => item.position));
      after = page.nextAfter;
    };
    await follow();
    for (let round = 0; round < 3; round++) {
      await append(`application-${round}`, 'ApplicationReceived', 'CaseNoteAdded', 'ApplicationWithdrawn');
      await sleep(IDLE_MS * 3);
      await append(`application-x${round}`, 'ApplicationReceived');
      for (let read = 0; read < 3; read++) await follow();
    }
    expect(opened).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, index) => index + 2));
  });
});
