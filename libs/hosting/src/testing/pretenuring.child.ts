import { PerformanceObserver, constants, type NodeGCPerformanceDetail } from 'node:perf_hooks';
import { setPretenuring } from '../memory/pretenuring';

/**
 * Child of pretenuring.spec.ts (argv[2]: HEAP_PRETENURING): keeps 400,000 objects alive, as a
 * service keeps its caches, makes objects at one place that outlive several young collections (a
 * queue of slow requests), then makes objects at the same place that die at once (quick requests),
 * and prints how many full collections that second phase caused.
 */
setPretenuring(process.argv[2] === 'true');
const kept = Array.from({ length: 400_000 }, (_, i) => ({ i, label: `kept-${i}` }));
const make = (i: number) => ({ i, pair: [i, i + 1], label: 'request' });
const queued: unknown[] = [];
for (let round = 0; round < 40; round++) {
  for (let i = 0; i < 20_000; i++) queued.push(make(i));
  if (queued.length > 300_000) queued.splice(0, 100_000);
}
queued.length = 0;

let fullCollections = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if ((entry as { detail?: NodeGCPerformanceDetail }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      fullCollections++;
});
observer.observe({ entryTypes: ['gc'] });
const inFlight: unknown[] = new Array(16);
let sum = 0;
for (let i = 0; i < 10_000_000; i++) {
  const made = make(i);
  inFlight[i & 15] = made;
  sum += made.pair[1];
}
setTimeout(() => {
  observer.disconnect();
  process.stdout.write(`${fullCollections} ${kept.length} ${sum > 0}\n`);
}, 200);
