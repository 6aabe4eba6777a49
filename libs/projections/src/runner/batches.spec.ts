import type { RecordedEvent } from '@app/event-store';
import { batches, pageBatches, pagesBelow } from './batches';

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of source) out.push(batch);
  return out;
}

async function* immediate(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

async function* slow() {
  yield 1;
  yield 2;
  await new Promise((resolve) => setTimeout(resolve, 20));
  yield 3;
}

describe('batches', () => {
  it('groups items that are already available, up to the maximum size', async () => {
    expect(await collect(batches(immediate(7), 3))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('yields what it has when the source would make it wait, and loses nothing', async () => {
    expect(await collect(batches(slow(), 10))).toEqual([[1, 2], [3]]);
  });

  it('ends on an empty source', async () => {
    expect(await collect(batches(immediate(0), 3))).toEqual([]);
  });
});

describe('pageBatches', () => {
  async function* pages<T>(...items: T[][]) {
    for (const page of items) yield page;
  }

  it('joins pages that are already available up to the maximum size, and splits a larger page', async () => {
    expect(await collect(pageBatches(pages([1, 2], [3], [4, 5, 6, 7, 8]), 3))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('never hands out a page the source may share with other subscribers', async () => {
    const shared = [1, 2, 3];
    const [batch] = await collect(pageBatches(pages(shared), 3));
    batch.push(4);
    expect(shared).toEqual([1, 2, 3]);
  });

  it('yields what it has when the next page would make it wait', async () => {
    async function* slowPages() {
      yield [1];
      await new Promise((resolve) => setTimeout(resolve, 20));
      yield [2, 3];
    }
    expect(await collect(pageBatches(slowPages(), 10))).toEqual([[1], [2, 3]]);
  });
});

describe('pages of the log below a bound', () => {
  const events = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, index) => ({ position: from + index }) as RecordedEvent);

  it('reads pages after the position, stops at the bound, and asks for the bound again before each page', async () => {
    const reads: Array<{ after?: number; limit: number }> = [];
    const store = {
      readAll: ({ after = 0, limit }: { after?: number; limit: number }) => {
        reads.push({ after, limit });
        return Promise.resolve(events(after + 1, Math.min(after + limit, 20)));
      },
    };
    const bounds = [7, 7, 11];
    const pages: number[][] = [];
    for await (const page of pagesBelow(store, 2, 4, () => bounds.shift() ?? 11))
      pages.push(page.map(({ position }) => position));
    expect(pages).toEqual([[3, 4, 5, 6], [7], [8, 9, 10, 11]]);
    expect(reads.map(({ after }) => after)).toEqual([2, 6, 7]);
  });
});
