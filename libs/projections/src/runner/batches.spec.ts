import { batches } from './batches';

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
