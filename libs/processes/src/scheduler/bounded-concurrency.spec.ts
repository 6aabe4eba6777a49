import { setTimeout as sleep } from 'node:timers/promises';
import { forEachConcurrently } from './bounded-concurrency';

describe('forEachConcurrently', () => {
  it('does every item, never more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      most = Math.max(most, ++inFlight);
      await sleep(item % 3);
      done.push(item);
      inFlight--;
    });
    expect({ most, done: [...done].sort() }).toEqual({ most: 3, done: [1, 2, 3, 4, 5, 6, 7] });
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = forEachConcurrently([1, 2, 3, 4], 1, async (item) => {
      started.push(item);
      if (item === 2) throw new Error('store down');
    });
    await expect(run).rejects.toThrow('store down');
    expect(started).toEqual([1, 2]);
  });
});
