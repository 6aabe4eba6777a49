import type { ServerResponse } from 'node:http';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { RequestValidationError } from '../http/problem/problem';
import { feedItemsFor, isVisibleTo, type FeedReader } from './change-feed';
import type { FeedItem, SerialisedItem } from './feed-page';
import type { FeedTail } from './feed-tail';
import { sseOutput, type SseOutput } from './sse-output';

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

const FRAME_END = Buffer.from('\n\n');
/** The comment that opens every stream, and the one that keeps it open: the same bytes for all. */
const OPENING = Buffer.from(': feed\n\n');
const HEARTBEAT = Buffer.from(': heartbeat\n\n');
/** Frames of the shared tail's items, built once whatever the number of streams that send them. */
const sharedFrames = new WeakMap<SerialisedItem, Buffer>();

/** The frames of a batch the shared tail gives every stream at one cursor, concatenated once. */
const sharedBatches = new WeakMap<readonly SerialisedItem[], Buffer>();

function framesOf(items: readonly SerialisedItem[]): Buffer {
  let frames = sharedBatches.get(items);
  if (!frames) sharedBatches.set(items, (frames = Buffer.concat(items.map(sseFrameOf))));
  return frames;
}

/** The frame of an item the shared tail serialised: byte for byte `sseFrame(item)`. */
export function sseFrameOf(entry: SerialisedItem): Buffer {
  let frame = entry.frame ?? sharedFrames.get(entry);
  if (!frame) {
    const head = Buffer.from(`id: ${entry.position}\nevent: ${entry.type}\ndata: `);
    sharedFrames.set(entry, (frame = Buffer.concat([head, entry.json, FRAME_END])));
  }
  return frame;
}

/**
 * Streams the feed after `after` on the raw response until the client disconnects or `signal`
 * fires (the server shutting down), with a heartbeat comment every HEARTBEAT_MS. Where the shared
 * tail covers the reader (no reveal of personal data, a position it has seen), the frames come
 * from it, built once for every stream; before that, and whenever it stops covering the stream,
 * the store's subscription is followed and each page redacted for this reader. Each write waits
 * for the socket to drain. A store failure ends the stream; the client resumes with Last-Event-ID.
 */
export async function streamFeed(
  store: EventStore,
  reader: FeedReader,
  raw: ServerResponse,
  options: Readonly<{ after: number; signal: AbortSignal; heartbeatMs?: number; gzip?: boolean }>,
  tail?: FeedTail,
): Promise<void> {
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'close',
    vary: 'Accept-Encoding',
    ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  const output = sseOutput(raw, options.gzip ?? false);
  output.writeShared(OPENING);
  const stopped = new AbortController();
  const stop = () => stopped.abort();
  const heartbeat = setInterval(() => output.writeShared(HEARTBEAT), options.heartbeatMs ?? HEARTBEAT_MS);
  raw.on('close', stop);
  options.signal.addEventListener('abort', stop, { once: true });
  if (options.signal.aborted) stop();
  try {
    let position = options.after;
    while (!stopped.signal.aborted && !raw.destroyed) {
      if (tail)
        for await (const items of tail.itemsAfter(reader, position, stopped.signal)) {
          if (!output.writeShared(framesOf(items))) await drained(raw);
          position = items[items.length - 1].position;
        }
      if (stopped.signal.aborted || raw.destroyed) break;
      const reached = await fromStore(store, reader, raw, output, { after: position, signal: stopped.signal, tail });
      if (reached === null) break;
      position = reached;
    }
  } catch {
    // The store failed: the stream ends and the client resumes from the last id it received.
  } finally {
    clearInterval(heartbeat);
    options.signal.removeEventListener('abort', stop);
    raw.off('close', stop);
    output.end();
  }
}

/**
 * Follows the store's subscription after `after`, writing each visible event redacted for this
 * reader, until the shared tail covers the position reached (returned); null when the
 * subscription ended otherwise (`signal` aborted, the store closed): the stream ends.
 */
async function fromStore(
  store: EventStore,
  reader: FeedReader,
  raw: ServerResponse,
  output: SseOutput,
  options: Readonly<{ after: number; signal: AbortSignal; tail?: FeedTail }>,
): Promise<number | null> {
  let position = options.after;
  if (await options.tail?.covers(reader, position)) return position;
  const subscription = store.subscribeToAll({ after: position });
  const stop = () => void subscription.close();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const page of subscription.pages?.() ?? onePerPage(subscription)) {
      if (raw.destroyed) break;
      const visible = page.filter((event) => isVisibleTo(reader, event));
      const items = visible.length > 0 ? await feedItemsFor(store, reader, visible) : [];
      if (items.length > 0 && !output.write(Buffer.from(items.map(sseFrame).join('')))) await drained(raw);
      position = page[page.length - 1]?.position ?? position;
      if (await options.tail?.covers(reader, position)) return position;
    }
    return null;
  } finally {
    options.signal.removeEventListener('abort', stop);
    await subscription.close().catch(() => undefined);
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
