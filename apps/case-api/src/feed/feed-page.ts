/** One item of the change feed: an event of an application stream, redacted for its reader. */
export type FeedItem = Readonly<{
  position: number;
  applicationId: string;
  revision: number;
  type: string;
  occurredAt: string;
  data: unknown;
}>;

/** A page of the feed and the position to resume after. */
export type FeedPage = Readonly<{ events: FeedItem[]; nextAfter: number }>;

/** The media type Fastify gives a JSON answer; a page sent as bytes is labelled the same. */
export const FEED_PAGE_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A feed item with its JSON as UTF-8, serialised and encoded once when the shared tail read it. */
export type SerialisedItem = Readonly<{ item: FeedItem; json: Buffer }>;

/**
 * The answer to a poll: the page, and, when the shared tail built it, the exact bytes that
 * `JSON.stringify(page)` gives, serialised once and sent as they are to every poll that asks for
 * the same page (the followers of the log sit at the same cursor).
 */
export type FeedAnswer = Readonly<{ page: FeedPage; body?: Buffer }>;

const PAGE_START = Buffer.from('{"events":[');
const COMMA = Buffer.from(',');

/** An item and its JSON, `JSON.stringify(item)` in UTF-8, kept together so that no page serialises it again. */
export function serialisedItem(item: FeedItem): SerialisedItem {
  return { item, json: Buffer.from(JSON.stringify(item), 'utf8') };
}

/**
 * The page of these items as one answer: `body` is byte for byte `JSON.stringify(page)` in UTF-8,
 * the `{ events, nextAfter }` object in that key order, copied together from the items' JSON when
 * it is first sent (a page only looked at to see whether it is due is never assembled).
 */
export function sharedAnswer(items: readonly SerialisedItem[], nextAfter: number): FeedAnswer {
  let body: Buffer | undefined;
  return {
    page: { events: items.map((entry) => entry.item), nextAfter },
    get body(): Buffer {
      body ??= Buffer.concat([
        PAGE_START,
        ...items.flatMap((entry, index) => (index === 0 ? [entry.json] : [COMMA, entry.json])),
        Buffer.from(`],"nextAfter":${JSON.stringify(nextAfter)}}`),
      ]);
      return body;
    },
  };
}
