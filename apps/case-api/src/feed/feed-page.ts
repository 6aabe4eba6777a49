import { gzipNow } from './feed-compression';

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

/**
 * An item as the shared tail keeps it: its JSON as UTF-8, serialised and encoded once, with the
 * position and type that choose who gets it (the item itself is not kept: its bytes are a third
 * of its size on the heap).
 */
export type SerialisedItem = Readonly<{
  position: number;
  type: string;
  json: Buffer;
  /** Its Server-Sent Event, `sseFrame(item)` in UTF-8, when built with the JSON (which is then a view of it). */
  frame?: Buffer;
}>;

/**
 * A page the shared tail built: `body` is the exact bytes that `JSON.stringify(page)` gives, built
 * once and sent as they are to every poll that asks for the same page (the followers of the log
 * sit at the same cursor), and `gzipped` the same compressed once for the polls that accept gzip;
 * `count` is the number of its events.
 */
export type SharedPage = Readonly<{ count: number; nextAfter: number; body: Buffer; gzipped: Buffer }>;

/** The answer to a poll: a page read from the store, or one the shared tail built. */
export type FeedAnswer = Readonly<{ page: FeedPage }> | SharedPage;

const PAGE_START = Buffer.from('{"events":[');
const COMMA = Buffer.from(',');

/** An item's JSON, `JSON.stringify(item)` in UTF-8, so that no page serialises it again. */
export function serialisedItem(item: FeedItem): SerialisedItem {
  return { position: item.position, type: item.type, json: Buffer.from(JSON.stringify(item), 'utf8') };
}

/**
 * The page of these items: `body` is byte for byte `JSON.stringify(page)` in UTF-8, the
 * `{ events, nextAfter }` object in that key order, copied together from the items' JSON when it
 * is first sent (a page only looked at to see whether it is due is never assembled).
 */
export function sharedPage(items: readonly SerialisedItem[], nextAfter: number): SharedPage {
  let body: Buffer | undefined;
  let gzipped: Buffer | undefined;
  return {
    count: items.length,
    nextAfter,
    get body(): Buffer {
      body ??= Buffer.concat([
        PAGE_START,
        ...items.flatMap((entry, index) => (index === 0 ? [entry.json] : [COMMA, entry.json])),
        Buffer.from(`],"nextAfter":${JSON.stringify(nextAfter)}}`),
      ]);
      return body;
    },
    get gzipped(): Buffer {
      gzipped ??= gzipNow(this.body);
      return gzipped;
    },
  };
}
