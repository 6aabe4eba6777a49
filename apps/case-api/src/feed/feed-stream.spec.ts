import { createServer, type Server, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { MemoryEventStore, type RecordedEvent } from '@app/event-store';
import { openSse } from '../../../../test/support/sse-client';
import { FEED_LINGER_MS } from './change-feed';
import { FeedTail } from './feed-tail';
import { resumePositionOf, sseFrame, streamFeed } from './feed-stream';

const event = (type: string, data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { recordedAt: '2024-12-10T15:30:00.000Z' },
});

/** A raw response that keeps what is written to it, and the headers. */
function recordedResponse(): {
  response: ServerResponse;
  text: () => string;
  bytes: () => Buffer;
  writes: () => number;
  headers: () => Record<string, string>;
} {
  const response = new PassThrough() as unknown as ServerResponse & PassThrough;
  const written: Buffer[] = [];
  let headers: Record<string, string> = {};
  Object.assign(response, {
    writeHead: (_status: number, given: Record<string, string>) => ((headers = given), response),
    destroyed: false,
  });
  response.on('data', (chunk: Buffer) => written.push(Buffer.from(chunk)));
  return {
    response,
    text: () => Buffer.concat(written).toString(),
    bytes: () => Buffer.concat(written),
    writes: () => written.length,
    headers: () => headers,
  };
}
const idsIn = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));

describe('streamFeed: the change feed written as Server-Sent Events on a raw response', () => {
  let store: MemoryEventStore;
  let server: Server;
  let url: string;
  const shutdown = new AbortController();
  const ended: Promise<void>[] = [];
  /** The pages whose reveal was recorded, and when the recorder fails: before anything is written. */
  const revealed: string[][] = [];
  let recorderFails = false;
  const recordReveal = async (events: readonly RecordedEvent[]) => {
    if (recorderFails) throw new Error('the access log is down');
    revealed.push(events.map((recorded) => recorded.streamName));
  };

  beforeAll(async () => {
    store = new MemoryEventStore();
    await store.appendToStream('application-a', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await store.appendToStream('parking-x', [event('EventParked')], { expectedRevision: 'no-stream' });
    await store.appendToStream('application-a', [event('CaseNoteAdded', { text: 'n' })], { expectedRevision: 0 });
    server = createServer((_request, response) => {
      const reader = { personalData: 'include' as const, seesNotes: false, recordReveal };
      ended.push(streamFeed(store, reader, response, { after: 0, signal: shutdown.signal, heartbeatMs: 50 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    shutdown.abort();
    await Promise.all(ended);
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('sends application events only (no parking stream, no note for a reader without notes), heartbeats, and ends on shutdown', async () => {
    const stream = await openSse(url, {}, 5_000, {
      outsideContract: 'a bare HTTP server around the SSE writer, not the API',
    });
    try {
      const [first] = await stream.waitForEvents(1, 2_000);
      expect(first).toMatchObject({ id: '1', event: 'ApplicationReceived' });
      expect(JSON.parse(first.data)).toEqual({
        position: 1,
        applicationId: 'a',
        revision: 0,
        type: 'ApplicationReceived',
        occurredAt: '2024-12-10T15:30:00.000Z',
        data: {},
      });
      await store.appendToStream('application-b', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
      const events = await stream.waitForEvents(2, 2_000);
      expect(events.map((sent) => sent.id)).toEqual(['1', '4']);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(stream.comments).toContain('heartbeat');
      shutdown.abort();
      await stream.waitForEnd(2_000);
      expect(stream.events).toHaveLength(2);
      expect(revealed).toEqual([['application-a'], ['application-b']]);
    } finally {
      stream.close();
    }
  });

  it('records the reveal of each page before sending it, and ends the stream unsent when it cannot', async () => {
    const response = new PassThrough() as unknown as ServerResponse & PassThrough;
    const written: string[] = [];
    Object.assign(response, { writeHead: () => response, destroyed: false });
    response.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    recorderFails = true;
    const stopped = new AbortController();
    await streamFeed(store, { personalData: 'include', seesNotes: true, recordReveal }, response, {
      after: 0,
      signal: stopped.signal,
    });
    expect(written.join('')).not.toContain('event:');
    recorderFails = false;
  });

  it('streams of readers who reveal nothing share the tail: one subscription, the same frames, and a catch-up from the store hands over without loss or repeat', async () => {
    const shared = new MemoryEventStore();
    await shared.appendToStream('application-a', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    let subscriptions = 0;
    const subscribe = shared.subscribeToAll.bind(shared);
    shared.subscribeToAll = (options) => (subscriptions++, subscribe(options));
    const tail = new FeedTail(shared);
    const officer = { personalData: undefined, seesNotes: true, recordReveal: null };
    expect(await tail.covers(officer, 1)).toBe(true);
    const stopped = new AbortController();
    const streams = Array.from({ length: 10 }, (_, index) => {
      const recorded = recordedResponse();
      const options = { after: index === 0 ? 0 : 1, signal: stopped.signal };
      return { ...recorded, ended: streamFeed(shared, officer, recorded.response, options, tail) };
    });
    await shared.appendToStream('parking-x', [event('EventParked')], { expectedRevision: 'no-stream' });
    await shared.appendToStream(
      'application-b',
      [event('ApplicationReceived', { note: 'é' }), event('CaseNoteAdded')],
      {
        expectedRevision: 'no-stream',
      },
    );
    await new Promise((resolve) => setTimeout(resolve, FEED_LINGER_MS + 150));
    stopped.abort();
    await Promise.all(streams.map((stream) => stream.ended));
    await tail.onApplicationShutdown();
    // The tail's own subscription, and the one that caught the first stream up from position 0.
    expect(subscriptions).toBe(2);
    expect(idsIn(streams[0].text())).toEqual([1, 3, 4]);
    const expected = (await shared.readAll({ after: 1, limit: 10 })).filter(
      (recorded) => recorded.streamName !== 'parking-x',
    );
    const frames = expected.map((recorded) =>
      sseFrame({
        position: recorded.position,
        applicationId: 'b',
        revision: recorded.revision,
        type: recorded.type,
        occurredAt: '2024-12-10T15:30:00.000Z',
        data: recorded.data,
      }),
    );
    for (const stream of streams.slice(1)) expect(stream.text()).toBe(`: feed\n\n${frames.join('')}`);
  });

  it('streams at the head get what the tail read within FEED_LINGER_MS in one write, not one write per append', async () => {
    const shared = new MemoryEventStore();
    const tail = new FeedTail(shared);
    const officer = { personalData: undefined, seesNotes: true, recordReveal: null };
    expect(await tail.covers(officer, 0)).toBe(true);
    const stopped = new AbortController();
    const streams = Array.from({ length: 3 }, () => {
      const recorded = recordedResponse();
      return {
        ...recorded,
        ended: streamFeed(shared, officer, recorded.response, { after: 0, signal: stopped.signal }, tail),
      };
    });
    for (const name of ['application-a', 'application-b', 'application-c'])
      await shared.appendToStream(name, [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    await new Promise((resolve) => setTimeout(resolve, FEED_LINGER_MS + 150));
    stopped.abort();
    await Promise.all(streams.map((stream) => stream.ended));
    await tail.onApplicationShutdown();
    for (const stream of streams) {
      expect(idsIn(stream.text())).toEqual([1, 2, 3]);
      expect(stream.writes()).toBe(2); // the `: feed` comment, then the three events together
    }
  });

  it('with gzip, each stream is one gzip member that inflates to the very frames sent without it, caught up from the store or shared from the tail', async () => {
    const shared = new MemoryEventStore();
    await shared.appendToStream('application-a', [event('ApplicationReceived', { note: 'é' })], {
      expectedRevision: 'no-stream',
    });
    const tail = new FeedTail(shared);
    const officer = { personalData: undefined, seesNotes: true, recordReveal: null };
    expect(await tail.covers(officer, 1)).toBe(true);
    const stopped = new AbortController();
    const streams = [0, 0, 1, 1].map((after, index) => {
      const recorded = recordedResponse();
      const options = { after, signal: stopped.signal, gzip: index % 2 === 0, heartbeatMs: 100 };
      return { ...recorded, gzip: options.gzip, ended: streamFeed(shared, officer, recorded.response, options, tail) };
    });
    for (const name of ['application-b', 'application-c'])
      await shared.appendToStream(name, [event('ApplicationReceived'), event('CaseNoteAdded')], {
        expectedRevision: 'no-stream',
      });
    await new Promise((resolve) => setTimeout(resolve, FEED_LINGER_MS + 150));
    stopped.abort();
    await Promise.all(streams.map((stream) => stream.ended));
    await tail.onApplicationShutdown();
    for (const [plain, gzipped] of [streams.slice(0, 2).reverse(), streams.slice(2).reverse()]) {
      expect(gzipped.headers()).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      expect(plain.headers()['content-encoding']).toBeUndefined();
      const inflated = gunzipSync(gzipped.bytes()).toString().replaceAll(': heartbeat\n\n', '');
      expect(inflated).toBe(plain.text().replaceAll(': heartbeat\n\n', ''));
    }
    expect(idsIn(streams[0].text())).toEqual([]); // compressed: no frame in clear
    expect(idsIn(streams[1].text())).toEqual([1, 2, 3, 4, 5]);
  });

  it('resumes after Last-Event-ID, else ?after=, else 0; refuses a header that is no position', () => {
    expect(resumePositionOf('12', 3)).toBe(12);
    expect(resumePositionOf(undefined, 3)).toBe(3);
    expect(resumePositionOf(undefined, undefined)).toBe(0);
    for (const bad of ['', 'abc', '-1', '1.5', '99999999999999999'])
      expect(() => resumePositionOf(bad, undefined)).toThrow('Last-Event-ID');
  });
});
