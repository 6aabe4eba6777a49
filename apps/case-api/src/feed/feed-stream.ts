import type { ServerResponse } from 'node:http';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { RequestValidationError } from '../http/problem/problem';
import { feedItemsFor, isVisibleTo, type FeedReader } from './change-feed';
import type { FeedItem } from './feed-page';

/** A comment line sent this often keeps proxies and clients from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/**
 * The position to resume after: the `Last-Event-ID` header a reconnecting EventSource sends
 * (it wins), else `?after=`, else 0. A header that is no position is a 400, before any byte of
 * the stream.
 */
export function resumePositionOf(lastEventId: string | string[] | undefined, after: number | undefined): number {
  if (lastEventId === undefined) return after ?? 0;
  const text = Array.isArray(lastEventId) ? lastEventId.join(',') : lastEventId;
  const position = /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(position))
    throw new RequestValidationError([
      { field: 'Last-Event-ID', message: 'Last-Event-ID must be a position: an integer from 0' },
    ]);
  return position;
}

/** One Server-Sent Event: `id` the position, `event` the type, `data` the feed item as JSON (one line). */
export function sseFrame(item: FeedItem): string {
  return `id: ${item.position}\nevent: ${item.type}\ndata: ${JSON.stringify(item)}\n\n`;
}

/**
 * Streams the feed after `after` on the raw response until the client disconnects or `signal`
 * fires (the server shutting down): follows the live log with the store's subscription, writes
 * each visible event as it comes (waiting for the socket to drain), and a heartbeat comment every
 * HEARTBEAT_MS. A store failure ends the stream; the client resumes with Last-Event-ID.
 */
export async function streamFeed(
  store: EventStore,
  reader: FeedReader,
  raw: ServerResponse,
  options: Readonly<{ after: number; signal: AbortSignal; heartbeatMs?: number }>,
): Promise<void> {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'close',
  });
  raw.write(': feed\n\n');
  const subscription = store.subscribeToAll({ after: options.after });
  const stop = () => void subscription.close();
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
  raw.on('close', stop);
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    if (!options.signal.aborted)
      for await (const page of subscription.pages?.() ?? onePerPage(subscription)) {
        if (raw.destroyed) break;
        const visible = page.filter((event) => isVisibleTo(reader, event));
        if (visible.length === 0) continue;
        for (const item of await feedItemsFor(store, reader, visible)) {
          if (!raw.write(sseFrame(item))) await drained(raw);
        }
      }
  } catch {
    // The store failed: the stream ends and the client resumes from the last id it received.
  } finally {
    clearInterval(heartbeat);
    options.signal.removeEventListener('abort', stop);
    raw.off('close', stop);
    await subscription.close().catch(() => undefined);
    raw.end();
  }
}

function drained(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

/**
 * A store without pages, as pages of one event. With pages, a page is redacted at once: each case
 * in it is read once to mask the values its events quote, not once per event.
 */
async function* onePerPage(events: AsyncIterable<RecordedEvent>): AsyncGenerator<readonly RecordedEvent[]> {
  for await (const event of events) yield [event];
}
