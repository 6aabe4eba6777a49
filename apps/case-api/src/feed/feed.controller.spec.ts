import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { MemoryEventStore } from '@app/event-store';
import type { PersonalDataAccess } from '../audit/access-log/personal-data-access';
import type { Caller } from '../auth/current-caller.decorator';
import { readFeedPage } from './change-feed';
import { FeedController } from './feed.controller';
import { GZIP_MIN_BYTES } from './feed-compression';
import { FeedQueryDto } from './feed.dto';
import { FEED_PAGE_CONTENT_TYPE } from './feed-page';
import type { FeedShutdown } from './feed-shutdown';
import { FeedTail } from './feed-tail';

const event = (type: string, data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { recordedAt: '2024-12-10T15:30:00.000Z' },
});
/** A full page is answered as soon as the tail has it, so `waitSeconds` only lets the tail catch up. */
const query = (after: number, limit: number, waitSeconds = 5): FeedQueryDto =>
  Object.assign(new FeedQueryDto(), { after, limit, waitSeconds });
const callerWith = (role: 'intake' | 'officer', headers: Record<string, string> = {}): Caller =>
  ({ principal: { id: `a-${role}`, roles: [role] }, request: { headers } }) as unknown as Caller;
const gzipCaller = (role: 'intake' | 'officer') => callerWith(role, { 'accept-encoding': 'gzip, deflate, br' });
type RecordingReply = FastifyReply & { contentType?: string; sentHeaders: Record<string, string> };
/** A Fastify reply that keeps the content type and headers it is given. */
function recordingReply(): RecordingReply {
  const reply = {
    sentHeaders: {},
    type(value: string) {
      reply.contentType = value;
      return reply;
    },
    header(name: string, value: string) {
      reply.sentHeaders[name.toLowerCase()] = value;
      return reply;
    },
  } as unknown as RecordingReply;
  return reply;
}
/** Data that makes an item some 2 KB of JSON, so that a page is worth compressing. */
const bulky = (index: number) => ({
  index,
  screening: Array.from({ length: 20 }, (_, rule) => ({ rule: `E${rule}`, outcome: 'passed' })),
});

/** A controller on a memory store and its own shared tail, new for each test, after `seed` has appended to the store. */
function controllerPerTest(seed: (store: MemoryEventStore) => Promise<unknown> = async () => undefined) {
  const given = {} as { store: MemoryEventStore; tail: FeedTail; controller: FeedController };
  beforeEach(async () => {
    given.store = new MemoryEventStore();
    await seed(given.store);
    given.tail = new FeedTail(given.store);
    const shutdown = { signal: new AbortController().signal } as FeedShutdown;
    const access = { recorderFor: () => async () => undefined } as unknown as PersonalDataAccess;
    given.controller = new FeedController(given.store, shutdown, access, given.tail);
  });
  afterEach(async () => {
    await given.tail.onApplicationShutdown();
    await given.store.close();
  });
  return given;
}

describe('FeedController: a poll at the head is sent as the shared tail built it', () => {
  const given = controllerPerTest((store) =>
    store.appendToStream('application-old', [event('ApplicationReceived')], { expectedRevision: 'no-stream' }),
  );

  it('hands every caller at one cursor the same encoded bytes, JSON.stringify of the page, labelled as JSON', async () => {
    await given.controller.feed(query(1, 100, 0), callerWith('intake'), recordingReply());
    await given.store.appendToStream(
      'application-a',
      [event('ApplicationReceived', { note: 'é ✓ 漢' }), event('CaseNoteAdded'), event('IntakeNumberAssigned')],
      { expectedRevision: 'no-stream' },
    );
    const replies = Array.from({ length: 4 }, recordingReply);
    const bodies = [];
    for (const reply of replies) bodies.push(await given.controller.feed(query(1, 2), callerWith('officer'), reply));
    // Encoded once: each caller gets the Buffer itself, not a string to encode again nor a page to serialise.
    for (const body of bodies) expect(body).toBe(bodies[0]);
    expect(Buffer.isBuffer(bodies[0])).toBe(true);
    const expected = JSON.stringify(
      await readFeedPage(given.store, { personalData: undefined, seesNotes: true, recordReveal: null }, 1, 2),
    );
    expect((bodies[0] as Buffer).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    for (const reply of replies) expect(reply.contentType).toBe(FEED_PAGE_CONTENT_TYPE);
  });

  it('keeps pages apart where redaction differs: intake is not given the page with notes (H1)', async () => {
    await given.controller.feed(query(1, 100, 0), callerWith('intake'), recordingReply());
    await given.store.appendToStream('application-b', [event('CaseNoteAdded'), event('ApplicationReceived')], {
      expectedRevision: 'no-stream',
    });
    const forOfficer = (await given.controller.feed(query(1, 2), callerWith('officer'), recordingReply())) as Buffer;
    const forIntake = (await given.controller.feed(query(1, 1), callerWith('intake'), recordingReply())) as Buffer;
    expect(forIntake).not.toBe(forOfficer);
    expect(JSON.parse(forIntake.toString('utf8'))).toMatchObject({
      events: [{ type: 'ApplicationReceived' }],
      nextAfter: 3,
    });
    expect(JSON.parse(forOfficer.toString('utf8')).events.map((item: { type: string }) => item.type)).toEqual([
      'CaseNoteAdded',
      'ApplicationReceived',
    ]);
  });
});

describe('FeedController: gzip for a client that accepts it', () => {
  const given = controllerPerTest();
  const appendBulky = (stream: string, count: number) =>
    given.store.appendToStream(
      stream,
      Array.from({ length: count }, (_, index) => event('ApplicationReceived', bulky(index))),
      { expectedRevision: 'no-stream' },
    );

  it('gzips a shared page once for every poll at its cursor; it inflates to the very bytes sent without gzip', async () => {
    await given.controller.feed(query(0, 100, 0), callerWith('officer'), recordingReply());
    await appendBulky('application-a', 3);
    const replies = Array.from({ length: 3 }, recordingReply);
    const bodies: unknown[] = [];
    for (const reply of replies) bodies.push(await given.controller.feed(query(0, 3), gzipCaller('officer'), reply));
    for (const body of bodies) expect(body).toBe(bodies[0]);
    const plainReply = recordingReply();
    const plain = (await given.controller.feed(query(0, 3), callerWith('officer'), plainReply)) as Buffer;
    expect(gunzipSync(bodies[0] as Buffer).equals(plain)).toBe(true);
    expect((bodies[0] as Buffer).length).toBeLessThan(plain.length / 3);
    for (const reply of replies) {
      expect(reply.sentHeaders).toEqual({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      expect(reply.contentType).toBe(FEED_PAGE_CONTENT_TYPE);
    }
    expect(plainReply.sentHeaders).toEqual({ vary: 'Accept-Encoding' });
  });

  it('gzips a page read from the store for this poll alone to JSON.stringify of the page', async () => {
    await appendBulky('application-b', 4);
    const reply = recordingReply();
    const body = await given.controller.feed(query(1, 2, 0), gzipCaller('officer'), reply);
    const expected = await readFeedPage(
      given.store,
      { personalData: undefined, seesNotes: true, recordReveal: null },
      1,
      2,
    );
    expect(reply.sentHeaders['content-encoding']).toBe('gzip');
    expect(gunzipSync(body as Buffer).toString('utf8')).toBe(JSON.stringify(expected));
    // Not the shared tail's page: the next poll gets bytes compressed for it.
    expect(await given.controller.feed(query(1, 2, 0), gzipCaller('officer'), recordingReply())).not.toBe(body);
  });

  it('sends a page under GZIP_MIN_BYTES as it is, and says the answer varies with Accept-Encoding', async () => {
    await given.store.appendToStream('application-c', [event('IntakeNumberAssigned')], {
      expectedRevision: 'no-stream',
    });
    const reply = recordingReply();
    const body = (await given.controller.feed(query(0, 10, 0), gzipCaller('intake'), reply)) as Buffer;
    expect(body.length).toBeLessThan(GZIP_MIN_BYTES);
    expect(JSON.parse(body.toString('utf8'))).toMatchObject({
      events: [{ type: 'IntakeNumberAssigned' }],
      nextAfter: 1,
    });
    expect(reply.sentHeaders).toEqual({ vary: 'Accept-Encoding' });
  });
});
