import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { MemoryEventStore } from '@app/event-store';
import type { PersonalDataAccess } from '../audit/access-log/personal-data-access';
import type { Caller } from '../auth/current-caller.decorator';
import { readFeedPage } from './change-feed';
import { FeedController } from './feed.controller';
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
const callerWith = (role: 'intake' | 'officer'): Caller =>
  ({ principal: { id: `a-${role}`, roles: [role] }, request: {} }) as unknown as Caller;
/** A Fastify reply that keeps the content type it is given. */
function recordingReply(): FastifyReply & { contentType?: string } {
  const reply = {
    type(value: string) {
      reply.contentType = value;
      return reply;
    },
  } as FastifyReply & { contentType?: string };
  return reply;
}

describe('FeedController: a poll at the head is sent as the shared tail built it', () => {
  let store: MemoryEventStore;
  let tail: FeedTail;
  let controller: FeedController;
  beforeEach(async () => {
    store = new MemoryEventStore();
    await store.appendToStream('application-old', [event('ApplicationReceived')], { expectedRevision: 'no-stream' });
    tail = new FeedTail(store);
    const shutdown = { signal: new AbortController().signal } as FeedShutdown;
    const access = { recorderFor: () => async () => undefined } as unknown as PersonalDataAccess;
    controller = new FeedController(store, shutdown, access, tail);
  });
  afterEach(async () => {
    await tail.onApplicationShutdown();
    await store.close();
  });

  it('hands every caller at one cursor the same encoded bytes, JSON.stringify of the page, labelled as JSON', async () => {
    await controller.feed(query(1, 100, 0), callerWith('intake'), recordingReply());
    await store.appendToStream(
      'application-a',
      [event('ApplicationReceived', { note: 'é ✓ 漢' }), event('CaseNoteAdded'), event('IntakeNumberAssigned')],
      { expectedRevision: 'no-stream' },
    );
    const replies = Array.from({ length: 4 }, recordingReply);
    const bodies = [];
    for (const reply of replies) bodies.push(await controller.feed(query(1, 2), callerWith('officer'), reply));
    // Encoded once: each caller gets the Buffer itself, not a string to encode again nor a page to serialise.
    for (const body of bodies) expect(body).toBe(bodies[0]);
    expect(Buffer.isBuffer(bodies[0])).toBe(true);
    const expected = JSON.stringify(
      await readFeedPage(store, { personalData: undefined, seesNotes: true, recordReveal: null }, 1, 2),
    );
    expect((bodies[0] as Buffer).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    for (const reply of replies) expect(reply.contentType).toBe(FEED_PAGE_CONTENT_TYPE);
  });

  it('keeps pages apart where redaction differs: intake is not given the page with notes (H1)', async () => {
    await controller.feed(query(1, 100, 0), callerWith('intake'), recordingReply());
    await store.appendToStream('application-b', [event('CaseNoteAdded'), event('ApplicationReceived')], {
      expectedRevision: 'no-stream',
    });
    const forOfficer = (await controller.feed(query(1, 2), callerWith('officer'), recordingReply())) as Buffer;
    const forIntake = (await controller.feed(query(1, 1), callerWith('intake'), recordingReply())) as Buffer;
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
