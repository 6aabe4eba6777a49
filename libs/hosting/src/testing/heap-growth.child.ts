import { getHeapStatistics } from 'node:v8';
import { limitHeapGrowth } from '../memory/heap-growth';

/**
 * Child of heap-growth.spec.ts: keeps 200,000 objects alive, then churns objects that live long
 * enough to be promoted to the old generation, and prints the largest heap it saw (bytes).
 */
limitHeapGrowth(Number(process.argv[2]));
const alive = Array.from({ length: 200_000 }, (_, i) => ({ i, label: `kept-${i}` }));
const ring: unknown[] = new Array(300_000);
let largest = 0;
for (let i = 0; i < 6_000_000; i++) {
  ring[i % ring.length] = { i, pair: [i, i + 1], label: `churn-${i}` };
  if (i % 10_000 === 0) largest = Math.max(largest, getHeapStatistics().total_heap_size);
}
process.stdout.write(`${largest} ${alive.length}\n`);
