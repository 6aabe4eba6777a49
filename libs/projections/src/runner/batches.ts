import type { EventStore, RecordedEvent, StoreSubscription } from '@app/event-store';

/**
 * Groups pages of items into batches without waiting: a batch takes every page that is already
 * available (catch-up reads) until it holds `maxSize` items, and is yielded as soon as the source
 * would make it wait (live tail): one timer per batch marks the end of the current turn of the
 * event loop. Batches hold at most `maxSize` items (a larger page is split) and are the
 * consumer's own arrays, never a page the source may share. Nothing is dropped: a pending
 * `next()` carries over.
 */
export async function* pageBatches<T>(pages: AsyncIterable<readonly T[]>, maxSize: number): AsyncGenerator<T[]> {
  const iterator = pages[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<readonly T[]>> | null = null;
  while (true) {
    const first = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [...first.value];
    const turnEnded = batch.length < maxSize ? nextTurn() : null;
    while (turnEnded && batch.length < maxSize) {
      const next = iterator.next();
      const ready = await Promise.race([next.then((result) => ({ result })), turnEnded]);
      if (ready === WAITING) {
        pending = next;
        break;
      }
      if (ready.result.done) {
        yield* split(batch, maxSize);
        return;
      }
      batch.push(...ready.result.value);
    }
    yield* split(batch, maxSize);
  }
}

/** The same, for a source of single items. */
export function batches<T>(source: AsyncIterable<T>, maxSize: number): AsyncGenerator<T[]> {
  return pageBatches(singletons(source), maxSize);
}

/** A subscription's events in batches, a page at a time when the store reads pages (no promise per event). */
export function subscriptionBatches(subscription: StoreSubscription, maxSize: number): AsyncGenerator<RecordedEvent[]> {
  return subscription.pages ? pageBatches(subscription.pages(), maxSize) : batches(subscription, maxSize);
}

/**
 * Pages of the log read straight from the store (`readAll`), from `after` up to `below()` (asked
 * again before each page) and no further: for a rebuild, whose events up to the active
 * generation's checkpoint are all durable already (that generation read them through a
 * subscription). Unlike a subscription's pages, these are not shared with the service's other
 * readers, which are at the head of the log and would never read them: kept, they only cost memory.
 */
export async function* pagesBelow(
  store: Pick<EventStore, 'readAll'>,
  after: number,
  limit: number,
  below: () => number,
): AsyncGenerator<RecordedEvent[]> {
  let position = after;
  for (let bound = below(); position < bound; bound = below()) {
    const page = await store.readAll({ after: position, limit });
    const end = page.findIndex((event) => event.position > bound);
    const within = end === -1 ? page : page.slice(0, end);
    if (within.length === 0) return;
    yield within;
    position = within[within.length - 1].position;
  }
}

async function* singletons<T>(source: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  for await (const item of source) yield [item];
}

function* split<T>(items: T[], maxSize: number): Generator<T[]> {
  if (items.length <= maxSize) {
    yield items;
    return;
  }
  for (let start = 0; start < items.length; start += maxSize) yield items.slice(start, start + maxSize);
}

const WAITING = Symbol('waiting');
const nextTurn = () => new Promise<typeof WAITING>((resolve) => setImmediate(() => resolve(WAITING)));
