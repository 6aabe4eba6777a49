/**
 * Groups an async iterable into batches without waiting: a batch takes every item that is
 * already available (catch-up reads) up to `maxSize`, and is yielded as soon as the source
 * would make it wait (live tail): one timer per batch marks the end of the current turn of the
 * event loop. Nothing is dropped: a pending `next()` carries over.
 */
export async function* batches<T>(source: AsyncIterable<T>, maxSize: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  while (true) {
    const first = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    const turnEnded = nextTurn();
    while (batch.length < maxSize) {
      const next = iterator.next();
      const ready = await Promise.race([next.then((result) => ({ result })), turnEnded]);
      if (ready === WAITING) {
        pending = next;
        break;
      }
      if (ready.result.done) {
        yield batch;
        return;
      }
      batch.push(ready.result.value);
    }
    yield batch;
  }
}

const WAITING = Symbol('waiting');
const nextTurn = () => new Promise<typeof WAITING>((resolve) => setImmediate(() => resolve(WAITING)));
