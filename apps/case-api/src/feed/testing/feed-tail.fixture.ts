import { randomUUID } from 'node:crypto';
import type { FeedPoll, FeedReader } from '../change-feed';
import type { FeedAnswer, FeedPage } from '../feed-page';

/** An event to append for the feed's specs: what it says does not matter, only its type and data. */
export const feedEvent = (type: string, data: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { recordedAt: '2024-12-10T15:30:00.000Z' },
});

/** A reader who sees case notes and does not reveal personal data. */
export const OFFICER: FeedReader = { personalData: undefined, seesNotes: true, recordReveal: null };

/** A poll after `after`, waiting up to `waitMs` for a page of at most `limit` items. */
export const feedPoll = (after: number, limit: number, waitMs: number): FeedPoll => ({
  after,
  limit,
  waitMs,
  signal: new AbortController().signal,
});

/** The page an answer carries: read from the store, or parsed from the shared tail's bytes. */
export const pageOf = (answer: FeedAnswer | undefined): FeedPage =>
  'page' in answer! ? answer.page : (JSON.parse(answer!.body.toString('utf8')) as FeedPage);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
